//! Knowledge, skills and behaviours, and the codes that name them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Whether a KSB is knowledge, a skill or a behaviour. The order is the order
/// in which standards list them: K, then S, then B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum KsbKind {
    Knowledge,
    Skill,
    Behaviour,
}

impl KsbKind {
    pub const ALL: [KsbKind; 3] = [KsbKind::Knowledge, KsbKind::Skill, KsbKind::Behaviour];

    pub fn letter(self) -> char {
        match self {
            KsbKind::Knowledge => 'K',
            KsbKind::Skill => 'S',
            KsbKind::Behaviour => 'B',
        }
    }

    pub fn from_letter(c: char) -> Option<Self> {
        match c.to_ascii_uppercase() {
            'K' => Some(KsbKind::Knowledge),
            'S' => Some(KsbKind::Skill),
            'B' => Some(KsbKind::Behaviour),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KsbKind::Knowledge => "Knowledge",
            KsbKind::Skill => "Skill",
            KsbKind::Behaviour => "Behaviour",
        }
    }
}

/// A KSB code such as `K12`. Sorts as standards list them (K1 < K2 < K10 < S1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KsbCode {
    pub kind: KsbKind,
    pub number: u32,
}

impl KsbCode {
    pub fn new(kind: KsbKind, number: u32) -> Self {
        Self { kind, number }
    }
}

impl fmt::Display for KsbCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.letter(), self.number)
    }
}

/// Why a string is not a KSB code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a KSB code: write K, S or B followed by a number, such as K1 or S12")]
pub struct BadKsbCode(pub String);

impl FromStr for KsbCode {
    type Err = BadKsbCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let mut chars = t.chars();
        let kind = chars
            .next()
            .and_then(KsbKind::from_letter)
            .ok_or_else(|| BadKsbCode(s.to_string()))?;
        let digits = chars.as_str();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 6 {
            return Err(BadKsbCode(s.to_string()));
        }
        let number = digits.parse().map_err(|_| BadKsbCode(s.to_string()))?;
        if number == 0 {
            return Err(BadKsbCode(s.to_string()));
        }
        Ok(KsbCode { kind, number })
    }
}

impl Serialize for KsbCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KsbCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One knowledge, skill or behaviour of a standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ksb {
    pub code: KsbCode,
    pub text: String,
    /// The IfATE API's id, kept so a later version of the standard can be matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
}

impl Ksb {
    pub fn kind(&self) -> KsbKind {
        self.code.kind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_and_print() {
        let k: KsbCode = "k12".parse().unwrap();
        assert_eq!(k, KsbCode::new(KsbKind::Knowledge, 12));
        assert_eq!(k.to_string(), "K12");
        assert!("X1".parse::<KsbCode>().is_err());
        assert!("K".parse::<KsbCode>().is_err());
        assert!("K0".parse::<KsbCode>().is_err());
        assert!("K1a".parse::<KsbCode>().is_err());
    }

    #[test]
    fn codes_sort_as_standards_list_them() {
        let mut v: Vec<KsbCode> = ["S1", "K10", "B1", "K2"].iter().map(|s| s.parse().unwrap()).collect();
        v.sort();
        let shown: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["K2", "K10", "S1", "B1"]);
    }
}
