//! The exact number of routes. It is a product of binomials, which outgrows `u128` once a
//! programme has about 35 groups of "choose 2 of 6", so it is held as a tiny unsigned big
//! number: all it needs is to multiply and divide by small numbers and print in decimal.
//! Base 10^9 limbs make printing a matter of zero-padding.

use std::fmt;

const BASE: u64 = 1_000_000_000;

/// A non-negative whole number of any size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteCount {
    /// Base 10^9 digits, least significant first, with no leading zero limbs (so 0 is empty).
    limbs: Vec<u32>,
}

impl Default for RouteCount {
    fn default() -> Self {
        Self::from(1)
    }
}

impl From<u64> for RouteCount {
    fn from(mut n: u64) -> Self {
        let mut limbs = Vec::new();
        while n > 0 {
            limbs.push((n % BASE) as u32);
            n /= BASE;
        }
        Self { limbs }
    }
}

impl RouteCount {
    pub fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// The value, where it fits.
    pub fn to_u128(&self) -> Option<u128> {
        self.limbs
            .iter()
            .rev()
            .try_fold(0u128, |acc, &l| acc.checked_mul(BASE as u128)?.checked_add(l as u128))
    }

    /// Multiplies by C(n, k), the ways to choose k of n; by 0 when k > n.
    pub fn mul_binomial(&mut self, n: usize, k: usize) {
        if k > n {
            self.limbs.clear();
            return;
        }
        // C(n, i+1) = C(n, i) * (n - i) / (i + 1), and the running product stays divisible by
        // i + 1 at each step, so every division is exact.
        let k = k.min(n - k);
        for i in 0..k {
            self.mul_small(small(n - i));
            self.div_small(small(i + 1));
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.limbs {
            // Below 10^9 * 2^32 + 2^32, well inside u64.
            let x = *limb as u64 * m as u64 + carry;
            *limb = (x % BASE) as u32;
            carry = x / BASE;
        }
        while carry > 0 {
            self.limbs.push((carry % BASE) as u32);
            carry /= BASE;
        }
        self.trim();
    }

    /// Divides by `d`, dropping any remainder (callers divide exactly).
    fn div_small(&mut self, d: u32) {
        let d = d.max(1) as u64;
        let mut rem = 0u64;
        for limb in self.limbs.iter_mut().rev() {
            let x = rem * BASE + *limb as u64;
            *limb = (x / d) as u32;
            rem = x % d;
        }
        self.trim();
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    /// In decimal with thousands separators, for people: "1,000,000".
    pub fn grouped(&self) -> String {
        let digits = self.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }
}

/// A group's size as a factor. No machine holds 2^32 modules in memory, so this never clamps.
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl fmt::Display for RouteCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((top, rest)) = self.limbs.split_last() else {
            return f.write_str("0");
        };
        write!(f, "{top}")?;
        for limb in rest.iter().rev() {
            write!(f, "{limb:09}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::RouteCount;

    fn product(groups: &[(usize, usize)]) -> RouteCount {
        let mut c = RouteCount::default();
        for &(n, k) in groups {
            c.mul_binomial(n, k);
        }
        c
    }

    #[test]
    fn binomials_and_products() {
        assert_eq!(product(&[(4, 2)]).to_string(), "6");
        assert_eq!(product(&[(2, 3)]).to_string(), "0");
        assert!(product(&[(2, 3), (5, 2)]).is_zero());
        assert_eq!(product(&[(5, 0)]).to_string(), "1");
        assert_eq!(product(&[]).to_string(), "1");
        assert_eq!(product(&[(5, 2); 12]).to_string(), "1000000000000");
        assert_eq!(product(&[(100, 50)]).to_string(), "100891344545564193334812497256");
        // 15^20 = 332525673007965087890625, past u64.
        assert_eq!(product(&[(6, 2); 20]).to_string(), "332525673007965087890625");
        assert_eq!(product(&[(6, 2); 20]).to_u128(), Some(15u128.pow(20)));
        // C(1000, 500) has 300 digits; its last ones and length are known.
        let big = product(&[(1000, 500)]).to_string();
        assert_eq!(big.len(), 300);
        assert!(big.starts_with("27028824094543656951561469362597527549615200844654"));
        assert_eq!(product(&[(6, 2); 40]).to_u128(), None);
        assert_eq!(RouteCount::from(1_234_567).grouped(), "1,234,567");
        assert_eq!(RouteCount::from(999).grouped(), "999");
        assert_eq!(RouteCount::from(1_000_000_000).to_string(), "1000000000");
    }
}
