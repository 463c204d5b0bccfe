//! Terminal safety: text from articles, rule files and paths reaches a terminal only as
//! text. A writer escapes every control character an input could carry (cursor moves,
//! title changes, colours), letting through only line breaks, tabs and, when colours are
//! on, the colour sequences the renderer itself writes.

use std::io::{self, Write};

/// A writer that escapes control characters on their way to `inner` (see the module).
pub struct Terminal<W: Write> {
    inner: W,
    /// Whether colour sequences (`ESC [ digits ; ... m`) pass.
    color: bool,
    /// Bytes of a sequence not yet decided (it may continue in the next write).
    pending: Vec<u8>,
}

/// The longest colour sequence let through, in bytes.
const MAX_SGR: usize = 24;

impl<W: Write> Terminal<W> {
    /// Escapes what is written to `inner`; `color` lets colour sequences through.
    pub fn new(inner: W, color: bool) -> Terminal<W> {
        Terminal {
            inner,
            color,
            pending: Vec::new(),
        }
    }

    /// Writes `pending` escaped, as text, and clears it.
    fn spill(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        let mut rest = pending.as_slice();
        if rest.first() == Some(&0x1b) {
            self.inner.write_all(b"\\u{1b}")?;
            rest = &rest[1..];
        } else if let [0xc2, tail @ ..] = rest {
            // A lone lead byte of a character whose next byte decides what it is.
            self.inner.write_all(&[0xc2])?;
            rest = tail;
        }
        self.inner.write_all(rest)
    }

    /// Takes one byte.
    fn byte(&mut self, b: u8) -> io::Result<()> {
        match (self.pending.as_slice(), b) {
            ([], 0x1b) | ([], 0xc2) => {
                self.pending.push(b);
                Ok(())
            }
            ([], b'\n' | b'\t' | b'\r') => self.inner.write_all(&[b]),
            ([], b) if b < 0x20 || b == 0x7f => write!(self.inner, "\\u{{{b:x}}}"),
            ([], b) => self.inner.write_all(&[b]),
            ([0xc2], 0x80..=0x9f) => {
                self.pending.clear();
                write!(self.inner, "\\u{{{b:x}}}")
            }
            ([0x1b], b'[') if self.color => {
                self.pending.push(b);
                Ok(())
            }
            ([0x1b, b'[', ..], b'0'..=b'9' | b';') if self.pending.len() < MAX_SGR => {
                self.pending.push(b);
                Ok(())
            }
            ([0x1b, b'[', ..], b'm') => {
                self.pending.push(b);
                let sequence = std::mem::take(&mut self.pending);
                self.inner.write_all(&sequence)
            }
            _ => {
                self.spill()?;
                self.byte(b)
            }
        }
    }
}

/// True for a byte that is text whatever comes before or after it.
fn is_plain(b: u8) -> bool {
    matches!(b, b'\n' | b'\t' | b'\r') || !(b < 0x20 || b == 0x7f || b == 0xc2)
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            // Plain text passes in one piece; a byte that may start a control goes alone.
            let plain = if self.pending.is_empty() {
                rest.iter()
                    .position(|&b| !is_plain(b))
                    .unwrap_or(rest.len())
            } else {
                0
            };
            if plain > 0 {
                self.inner.write_all(&rest[..plain])?;
                rest = &rest[plain..];
            } else {
                self.byte(rest[0])?;
                rest = &rest[1..];
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.spill()?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Terminal<W> {
    fn drop(&mut self) {
        // A write error here has nowhere to go; `flush` reports it to callers that ask.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(color: bool, chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut t = Terminal::new(&mut out, color);
            for c in chunks {
                t.write_all(c).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_from_inputs_are_escaped_and_colours_pass_only_when_on() {
        let title = b"\x1b]0;owned\x07 and \x1b[2J cleared\x7f";
        assert_eq!(
            through(false, &[title]),
            "\\u{1b}]0;owned\\u{7} and \\u{1b}[2J cleared\\u{7f}"
        );
        assert_eq!(
            through(true, &[title]),
            "\\u{1b}]0;owned\\u{7} and \\u{1b}[2J cleared\\u{7f}"
        );
        // Split across writes, as formatted output is.
        let colour: &[&[u8]] = &[b"\x1b[", b"31", b"m", b"red\x1b[0m\n"];
        assert_eq!(through(true, colour), "\x1b[31mred\x1b[0m\n");
        assert_eq!(through(false, colour), "\\u{1b}[31mred\\u{1b}[0m\n");
        // C1 controls, and text that merely shares their lead byte.
        assert_eq!(through(true, &["\u{9b}2J é ©".as_bytes()]), "\\u{9b}2J é ©");
        assert_eq!(through(false, &[b"tab\there\r\n"]), "tab\there\r\n");
        assert_eq!(through(false, &[b"end\x1b"]), "end\\u{1b}");
    }
}
