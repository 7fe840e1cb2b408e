//! The typed-name prompt before deleting a village: only the village's whole name (case and
//! diacritics typed loosely) leads to the deletion; anything else deletes nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Command, Outcome, ViewCtx};
use crate::domain::VillageId;
use crate::domain::text::fold;
use crate::i18n::{Label, t, tf};
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::{Input, popup, wrap};

/// Width of the popup.
const WIDTH: u16 = 70;

/// The open prompt: which village, and the name field.
pub struct DeletePrompt {
    village: VillageId,
    name: String,
    form: Form,
}

impl DeletePrompt {
    /// A prompt to delete `village`, called `name`.
    pub fn new(village: VillageId, name: String) -> Self {
        DeletePrompt {
            village,
            name,
            form: Form::new("del.title", vec![Field::text("del.field", "")]),
        }
    }

    /// Feeds `input` to the prompt in `slot`, closing it on Esc; `None` when none is open.
    pub fn drive(slot: &mut Option<DeletePrompt>, input: &Input) -> Option<Outcome> {
        let prompt = slot.as_mut()?;
        Some(match prompt.form.handle(input) {
            FormEvent::Editing => Outcome::Stay,
            FormEvent::Cancel => {
                *slot = None;
                Outcome::Stay
            }
            FormEvent::Submit if same_name(&prompt.form.text(0), &prompt.name) => {
                Outcome::Save(Command::DeleteVillage {
                    village: prompt.village,
                    name: prompt.name.clone(),
                })
            }
            FormEvent::Submit => {
                let message = Label::tf("del.mismatch", std::slice::from_ref(&prompt.name));
                prompt.form.show_errors([(0, message)]);
                Outcome::Stay
            }
        })
    }

    /// Draws the prompt as a popup over `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let question = tf(ctx.lang, "del.prompt", std::slice::from_ref(&self.name));
        let hint = t(ctx.lang, "del.hint");
        let inner_width = WIDTH.min(area.width).saturating_sub(2).max(1);
        let text_rows = u16::try_from(wrap::wrapped_rows(&question, usize::from(inner_width)))
            .unwrap_or(u16::MAX);
        let field_rows = 1 + u16::from(self.form.fields.iter().any(|f| f.error.is_some()));
        let height = text_rows + 1 + field_rows + 1 + 1 + 2;
        let rect = popup::centered(area, WIDTH, height);
        let inner = popup::frame(&t(ctx.lang, "del.title"), &ctx.theme, rect, buf);
        Paragraph::new(Text::from(Line::raw(question)))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        let fields = Rect {
            y: inner.y + text_rows + 1,
            height: inner.height.saturating_sub(text_rows + 1),
            ..inner
        };
        self.form
            .render_fields(ctx.lang, &ctx.theme, fields, buf, true);
        if inner.height > 0 {
            let last = Rect {
                y: inner.bottom() - 1,
                height: 1,
                ..inner
            };
            Line::styled(hint, ctx.theme.key).render(last, buf);
        }
    }
}

/// Whether `typed` is `name`, ignoring case, diacritics and extra spaces (the whole name).
fn same_name(typed: &str, name: &str) -> bool {
    let norm = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    !norm(typed).is_empty() && norm(typed) == norm(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_whole_name_matches() {
        assert!(same_name("thon 3", "Thôn 3"));
        assert!(same_name("  THÔN   3 ", "Thôn 3"));
        assert!(same_name("buon kram", "Buôn Kram"));
        assert!(!same_name("Thôn", "Thôn 3"));
        assert!(!same_name("Thôn 33", "Thôn 3"));
        assert!(!same_name("", "Thôn 3"));
    }
}
