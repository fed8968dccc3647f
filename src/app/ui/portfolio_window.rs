//! File > Open portfolio…: every programme in a folder as a table, as `portfolio` lists them.
//! It sorts by any column, filters by text, and a double-click (or Enter) opens a programme.
//! The folder is read on a thread, so the window shows at once and the app never waits.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui_extras::{Column, TableBuilder};

use crate::app::command::Command;
use crate::portfolio::{Portfolio, Row};

/// A column to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// What the programme needs first: the portfolio's own order.
    Need,
    Programme,
    Covered,
    Gaps,
    Standards,
    SignOff,
    Comments,
}

pub struct PortfolioView {
    pub folder: PathBuf,
    loading: Option<Receiver<Portfolio>>,
    pub portfolio: Option<Portfolio>,
    pub filter: String,
    pub sort: SortBy,
    pub descending: bool,
    /// The programme picked with a click, for Open.
    pub selected: Option<PathBuf>,
}

impl PortfolioView {
    /// A view of `folder` whose portfolio arrives on `loading`.
    pub fn loading(folder: PathBuf, loading: Receiver<Portfolio>) -> Self {
        Self {
            folder,
            loading: Some(loading),
            portfolio: None,
            filter: String::new(),
            sort: SortBy::Need,
            descending: false,
            selected: None,
        }
    }

    /// Takes the portfolio once the thread has read it.
    fn poll(&mut self) {
        let Some(rx) = &self.loading else {
            return;
        };
        match rx.try_recv() {
            Ok(p) => self.portfolio = Some(p),
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            // The reading thread stopped without an answer: say so rather than wait forever.
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                let folder = self.folder.clone();
                self.portfolio = Some(crate::portfolio::Portfolio {
                    unreadable: vec![crate::portfolio::Unreadable::new(
                        &folder,
                        "reading the folder failed part way; try File > Open portfolio… again",
                    )],
                    ..Default::default()
                });
            }
        }
        self.loading = None;
    }

    /// The rows shown: those the filter matches, in the chosen order.
    pub fn shown(&self) -> Vec<&Row> {
        let Some(p) = &self.portfolio else {
            return Vec::new();
        };
        let needle = self.filter.trim().to_lowercase();
        let mut rows: Vec<&Row> = p
            .rows
            .iter()
            .filter(|r| {
                needle.is_empty()
                    || [
                        r.title.to_lowercase(),
                        r.path.display().to_string().to_lowercase(),
                        r.standards_text().to_lowercase(),
                    ]
                    .iter()
                    .any(|t| t.contains(&needle))
            })
            .collect();
        // Stable sorts on the portfolio's order, so ties stay most in need first.
        match self.sort {
            SortBy::Need => {}
            SortBy::Programme => rows.sort_by_key(|r| r.title.to_lowercase()),
            SortBy::Covered => rows.sort_by(|a, b| a.percent_full().total_cmp(&b.percent_full())),
            SortBy::Gaps => rows.sort_by_key(|r| r.gap_count()),
            SortBy::Standards => rows.sort_by_key(|r| r.standards_text()),
            SortBy::SignOff => rows.sort_by_key(|r| r.sign_off.word()),
            SortBy::Comments => rows.sort_by_key(|r| r.open_comments),
        }
        if self.descending {
            rows.reverse();
        }
        rows
    }
}

/// Draws the window; false when it closed.
pub fn portfolio_window_ui(ctx: &egui::Context, view: &mut PortfolioView, commands: &mut Vec<Command>) -> bool {
    view.poll();
    if view.loading.is_some() {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new("Portfolio")
        .id(egui::Id::unique("portfolio-window"))
        .open(&mut open)
        .default_size([
            1100.0_f32.min(screen.width() - 40.0),
            560.0_f32.min(screen.height() - 80.0),
        ])
        .resizable(true)
        .show(ctx, |ui| {
            ui.label(format!(
                "Every programme in {} and the folders inside it.",
                view.folder.display()
            ));
            let Some(p) = &view.portfolio else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading and checking the programmes…");
                });
                return;
            };
            summary_ui(ui, p);
            ui.horizontal(|ui| {
                let l = ui.label("Filter");
                ui.add(
                    egui::TextEdit::singleline(&mut view.filter)
                        .hint_text("title, file or standard")
                        .desired_width(280.0),
                )
                .labelled_by(l.id);
            });
            table_ui(ui, view, commands);
            ui.horizontal(|ui| {
                let chosen = view.selected.clone();
                let open = egui::Button::new("Open the selected programme");
                if ui.add_enabled(chosen.is_some(), open).clicked()
                    && let Some(path) = chosen
                {
                    commands.push(Command::OpenPath(path));
                }
                ui.weak("or double-click a row");
            });
            unreadable_ui(ui, view);
        });
    super::access::title_bar(ctx, egui::Id::unique("portfolio-window"), "Portfolio");
    open
}

fn summary_ui(ui: &mut egui::Ui, p: &Portfolio) {
    let n = p.rows.len();
    let mut needs: Vec<String> = p
        .need_counts()
        .into_iter()
        .filter(|(_, c)| *c > 0)
        .map(|(need, c)| format!("{c} {}", need.label()))
        .collect();
    // Counted by what each needs first, a programme with gaps on a retired standard is not
    // among the old standards: say them all.
    let old = p.rows.iter().filter(|r| r.on_old_standard()).count();
    if old > 0 {
        needs.push(format!("{old} on a retired or superseded standard in all"));
    }
    ui.strong(format!(
        "{n} programme{}: {}",
        if n == 1 { "" } else { "s" },
        needs.join(" · ")
    ));
}

fn table_ui(ui: &mut egui::Ui, view: &mut PortfolioView, commands: &mut Vec<Command>) {
    let rows: Vec<Row> = view.shown().into_iter().cloned().collect();
    let headers = [
        ("Needs", SortBy::Need),
        ("Programme", SortBy::Programme),
        ("Fully covered", SortBy::Covered),
        ("Gaps", SortBy::Gaps),
        ("Standards", SortBy::Standards),
        ("Sign-off", SortBy::SignOff),
        ("Open comments", SortBy::Comments),
    ];
    let mut sort = None;
    let mut picked = None;
    let body_height = (ui.available_height() - 60.0).max(120.0);
    // A click anywhere on a row is the row's: its texts do not take it for selecting text.
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .max_scroll_height(body_height)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(170.0))
        .column(Column::remainder().at_least(240.0).clip(true))
        .column(Column::exact(100.0))
        .column(Column::exact(50.0))
        .column(Column::exact(190.0).clip(true))
        .column(Column::exact(70.0))
        .column(Column::exact(100.0))
        .header(22.0, |mut header| {
            for (label, by) in headers {
                header.col(|ui| {
                    let arrow = match (view.sort == by, view.descending) {
                        (true, false) => " ↑",
                        (true, true) => " ↓",
                        _ => "",
                    };
                    if ui
                        .button(format!("{label}{arrow}"))
                        .on_hover_text("Sort by this column")
                        .clicked()
                    {
                        sort = Some(by);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let Some(r) = rows.get(row.index()) else { return };
                row.set_selected(view.selected.as_ref() == Some(&r.path));
                row.col(|ui| {
                    ui.label(r.need().label());
                });
                row.col(|ui| {
                    let title = if r.title.is_empty() {
                        "(untitled)"
                    } else {
                        r.title.as_str()
                    };
                    ui.label(title).on_hover_text(r.path.display().to_string());
                });
                let c = &r.coverage;
                row.col(|ui| {
                    ui.label(format!("{:.0}%", r.percent_full())).on_hover_text(format!(
                        "{} of {} KSBs fully covered, {} partly, {} not at all",
                        c.full, c.ksbs, c.partial, c.uncovered
                    ));
                });
                row.col(|ui| {
                    ui.label(r.gap_count().to_string()).on_hover_text(format!(
                        "{} KSBs uncovered, {} duties uncovered, {} more KSBs that some route through the options misses",
                        c.uncovered, r.uncovered_duties, r.option_gaps
                    ));
                });
                row.col(|ui| {
                    let text = r.standards_text();
                    ui.label(&text).on_hover_text(text);
                });
                row.col(|ui| {
                    ui.label(r.sign_off.word());
                });
                row.col(|ui| {
                    ui.label(r.open_comments.to_string());
                });
                let resp = row.response();
                if resp.clicked() {
                    picked = Some(r.path.clone());
                }
                if resp.double_clicked() {
                    commands.push(Command::OpenPath(r.path.clone()));
                }
                resp.on_hover_text("Double-click to open this programme");
            });
        });
    if picked.is_some() {
        view.selected = picked;
    }
    if let Some(by) = sort {
        view.descending = view.sort == by && !view.descending;
        view.sort = by;
    }
}

fn unreadable_ui(ui: &mut egui::Ui, view: &PortfolioView) {
    let Some(p) = &view.portfolio else { return };
    if p.unreadable.is_empty() {
        return;
    }
    ui.separator();
    let n = p.unreadable.len();
    ui.colored_label(
        ui.visuals().error_fg_color,
        format!("{n} file{} could not be read:", if n == 1 { "" } else { "s" }),
    );
    for u in p.unreadable.iter().take(6) {
        ui.label(format!("{}: {}", u.path.display(), u.error));
    }
    if n > 6 {
        ui.weak(format!("and {} more", n - 6));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(rows: Vec<Row>) -> PortfolioView {
        let (_tx, rx) = std::sync::mpsc::channel();
        let mut v = PortfolioView::loading(PathBuf::from("."), rx);
        v.portfolio = Some(Portfolio {
            rows,
            ..Default::default()
        });
        v
    }

    fn row(title: &str, path: &str) -> Row {
        let p = crate::sample::sample_project().unwrap();
        let checked = crate::check::check(&p, &[], crate::model::IsoDate::today());
        let mut r = Row::of(PathBuf::from(path), &p, &checked, crate::model::IsoDate::today());
        r.title = title.into();
        r
    }

    #[test]
    fn filters_by_text_and_sorts_by_a_column_both_ways() {
        let mut v = view(vec![row("Nursing", "b/n.ron"), row("Software", "a/s.ron")]);
        v.filter = "SOFT".into();
        assert_eq!(v.shown().len(), 1);
        v.filter.clear();
        v.sort = SortBy::Programme;
        let titles = |v: &PortfolioView| v.shown().iter().map(|r| r.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&v), ["Nursing", "Software"]);
        v.descending = true;
        assert_eq!(titles(&v), ["Software", "Nursing"]);
    }
}
