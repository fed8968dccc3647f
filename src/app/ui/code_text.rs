//! Text whose `code` spans (how errors and problems quote what the user typed) are set in
//! monospace on the code background, instead of showing the backticks.

use egui::text::{LayoutJob, TextFormat};

/// The pieces of `text`: (is code, text). An unpaired backtick stays as it is.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// A wrapping label of `text` with its code spans set in type; `color` overrides the colour
/// of the rest.
pub fn code_text_ui(ui: &mut egui::Ui, text: &str, color: Option<egui::Color32>) -> egui::Response {
    let style = ui.style();
    let body = egui::TextStyle::Body.resolve(style);
    let mono = egui::TextStyle::Monospace.resolve(style);
    let color = color.unwrap_or_else(|| ui.visuals().text_color());
    // Quoted input reads best in the strong text colour, whatever colour the sentence has.
    let code_color = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    for (code, piece) in code_spans(text) {
        let format = if code {
            TextFormat {
                font_id: mono.clone(),
                color: code_color,
                background: ui.visuals().code_bg_color,
                ..Default::default()
            }
        } else {
            TextFormat::simple(body.clone(), color)
        };
        job.append(piece, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job)
}

#[cfg(test)]
mod tests {
    use super::code_spans;

    #[test]
    fn splits_code_spans() {
        assert_eq!(
            code_spans("credits `lots` in `B`"),
            [(false, "credits "), (true, "lots"), (false, " in "), (true, "B")]
        );
        assert_eq!(code_spans("a `b"), [(false, "a `b")]);
        assert_eq!(code_spans("``"), [(true, "")]);
    }
}
