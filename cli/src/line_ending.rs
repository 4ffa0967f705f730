//! A file's line ending, so that `svc fmt` writes a Windows checkout's
//! CRLF files back with CRLF, and a classic-Mac file with `\r` (the
//! formatter itself always ends lines with `\n`).

/// How the lines of a file end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
    /// `\r` alone
    Cr,
}

impl LineEnding {
    /// The ending of the first line of `text`; `\n` if it has one line.
    pub fn of(text: &str) -> Self {
        match text.find(['\n', '\r']).map(|at| &text[at..]) {
            Some(end) if end.starts_with("\r\n") => Self::CrLf,
            Some(end) if end.starts_with('\r') => Self::Cr,
            _ => Self::Lf,
        }
    }

    /// `text`, whose lines end with `\n`, with its lines ending this way.
    pub fn apply(self, text: String) -> String {
        match self {
            Self::Lf => text,
            Self::CrLf => text.replace("\r\n", "\n").replace('\n', "\r\n"),
            Self::Cr => text.replace("\r\n", "\n").replace('\n', "\r"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_decides() {
        assert_eq!(LineEnding::of("a\r\nb\n"), LineEnding::CrLf);
        assert_eq!(LineEnding::of("a\nb\r\n"), LineEnding::Lf);
        assert_eq!(LineEnding::of("a"), LineEnding::Lf);
        assert_eq!(LineEnding::of("a\rb\r"), LineEnding::Cr);
        assert_eq!(LineEnding::of("a\rb\r\n"), LineEnding::Cr);
    }

    #[test]
    fn crlf_is_applied_to_every_line() {
        assert_eq!(LineEnding::CrLf.apply("a\n\nb\n".to_owned()), "a\r\n\r\nb\r\n");
        assert_eq!(LineEnding::Lf.apply("a\nb\n".to_owned()), "a\nb\n");
        assert_eq!(LineEnding::Cr.apply("a\n\nb\n".to_owned()), "a\r\rb\r");
    }
}
