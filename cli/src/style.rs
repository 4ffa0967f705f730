//! The colours svc prints with. Text goes through anstream, which drops
//! them when the stream is not a terminal or `NO_COLOR` is set, and keeps
//! them with `CLICOLOR_FORCE=1`.

use std::fmt::Display;

use anstyle::{AnsiColor, Color, Effects, Style};

const fn colour(colour: AnsiColor) -> Style {
    Style::new().fg_color(Some(Color::Ansi(colour)))
}

/// `error`, `failed`: bold red.
pub const ERROR: Style = colour(AnsiColor::Red).effects(Effects::BOLD);
/// `warning`, a question that needs an answer: bold yellow.
pub const WARNING: Style = colour(AnsiColor::Yellow).effects(Effects::BOLD);
/// `note`: bold cyan.
pub const NOTE: Style = colour(AnsiColor::Cyan).effects(Effects::BOLD);
/// `ok`, `built`, `✔`: bold green.
pub const SUCCESS: Style = colour(AnsiColor::Green).effects(Effects::BOLD);
/// A table's header.
pub const HEADER: Style = Style::new().effects(Effects::BOLD);
/// Something added or done: green.
pub const ADDED: Style = colour(AnsiColor::Green);
/// Something changed in place: yellow.
pub const CHANGED: Style = colour(AnsiColor::Yellow);
/// Something removed, replaced or failed: red.
pub const REMOVED: Style = colour(AnsiColor::Red);
/// Progress and steps under way: dim.
pub const DIM: Style = Style::new().effects(Effects::DIMMED);

/// `text` in `style`, reset after.
pub fn paint(style: Style, text: impl Display) -> String {
    format!("{style}{text}{style:#}")
}
