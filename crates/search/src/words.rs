//! Cutting text into words: runs of letters and digits (Unicode's
//! alphanumerics), as tantivy's `SimpleTokenizer` cuts.
//!
//! Why not char by char: this is the first step of indexing every word of
//! the bank (179 million in the 100,000-question benchmark), and a loop that
//! branches on each byte mispredicts at every word's two ends. Here each 64
//! bytes are classified at once into a bit mask (a loop the compiler turns
//! into vector instructions), and words are read off the mask with
//! `trailing_zeros`. Text that is not ASCII (rare in the bank) is classified
//! char by char, window by window.

/// A window's length when the text has that many bytes left.
const WINDOW: usize = 64;

/// The words of a text, in order.
pub(crate) struct Words<'a> {
    text: &'a str,
    /// Where the current window starts (always a char boundary).
    base: usize,
    /// The window's length in bytes (it ends on a char boundary).
    len: usize,
    /// Bit `i` is set when byte `base + i` is part of a letter or digit.
    bits: u64,
    /// Where the next word is looked for (within the window, or at its end).
    at: usize,
}

impl<'a> Words<'a> {
    pub(crate) fn new(text: &'a str) -> Words<'a> {
        let mut words = Words {
            text,
            base: 0,
            len: 0,
            bits: 0,
            at: 0,
        };
        words.window(0);
        words
    }

    /// Classifies the window that starts at `from`.
    fn window(&mut self, from: usize) {
        self.base = from;
        let rest = &self.text.as_bytes()[from..];
        let (bits, len) = match rest.first_chunk::<WINDOW>() {
            Some(chunk) => ascii_word_bits(chunk),
            None => ascii_word_bits_of(rest),
        };
        match len {
            Some(len) => {
                self.bits = bits;
                self.len = len;
            }
            None => self.classify_chars(from),
        }
    }

    /// Classifies up to `WINDOW` bytes from `from` char by char, ending the
    /// window on a char boundary.
    fn classify_chars(&mut self, from: usize) {
        let mut bits = 0u64;
        let mut len = 0;
        for (at, c) in self.text[from..].char_indices() {
            let end = at + c.len_utf8();
            if end > WINDOW {
                break;
            }
            if c.is_alphanumeric() {
                bits |= (u64::MAX >> (64 - c.len_utf8())) << at;
            }
            len = end;
        }
        self.bits = bits;
        self.len = len;
    }

    /// The bits of the window from `at` on.
    fn bits_from(&self, at: usize) -> u64 {
        let offset = at - self.base;
        if offset >= 64 { 0 } else { self.bits >> offset }
    }
}

impl Words<'_> {
    /// The next word's place in the text, as byte offsets.
    pub(crate) fn next_span(&mut self) -> Option<(usize, usize)> {
        // The word's first byte.
        let from = loop {
            let ahead = self.bits_from(self.at);
            if ahead != 0 {
                break self.at + ahead.trailing_zeros() as usize;
            }
            let next = self.base + self.len;
            if next >= self.text.len() {
                return None;
            }
            self.window(next);
            self.at = next;
        };
        // Its end: the first byte after it that is not a letter or digit,
        // in this window or the next ones.
        self.at = from;
        let to = loop {
            let run = (!self.bits_from(self.at)).trailing_zeros() as usize;
            let end = self.at + run;
            if end < self.base + self.len {
                break end;
            }
            let next = self.base + self.len;
            if next >= self.text.len() {
                break self.text.len();
            }
            self.window(next);
            self.at = next;
        };
        self.at = to;
        Some((from, to))
    }
}

/// Which of 64 bytes are ASCII letters or digits, and the window's length;
/// None if any byte is not ASCII. Each byte is classified into a byte of
/// flags (a loop the compiler vectorizes), then each eight flags are packed
/// into eight bits with one multiplication.
fn ascii_word_bits(chunk: &[u8; WINDOW]) -> (u64, Option<usize>) {
    let mut flags = [0u8; WINDOW];
    let mut any = 0u8;
    for (flag, &byte) in flags.iter_mut().zip(chunk) {
        *flag = u8::from(is_ascii_word_byte(byte));
        any |= byte;
    }
    if !any.is_ascii() {
        return (0, None);
    }
    let mut bits = 0u64;
    for (at, eight) in flags.chunks_exact(8).enumerate() {
        let eight = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        bits |= pack_flags(eight) << (8 * at);
    }
    (bits, Some(WINDOW))
}

/// Eight bytes that are each 0 or 1 as eight bits, byte `i` as bit `i`:
/// the multiplication moves byte `i`'s bit to bit `56 + i`, and no two
/// partial products meet or carry there.
fn pack_flags(eight: u64) -> u64 {
    eight.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// As `ascii_word_bits`, for the last bytes of a text.
fn ascii_word_bits_of(rest: &[u8]) -> (u64, Option<usize>) {
    let mut bits = 0u64;
    for (at, &byte) in rest.iter().enumerate() {
        if byte >= 0x80 {
            return (0, None);
        }
        bits |= u64::from(is_ascii_word_byte(byte)) << at;
    }
    (bits, Some(rest.len()))
}

/// An ASCII letter or digit (setting bit 5 lowercases letters and leaves
/// digits as they are).
fn is_ascii_word_byte(byte: u8) -> bool {
    (byte | 0x20).wrapping_sub(b'a') < 26 || byte.wrapping_sub(b'0') < 10
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What tantivy's `SimpleTokenizer` would cut: char by char.
    fn char_by_char(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect()
    }

    #[test]
    fn packs_eight_flags_into_eight_bits() {
        for pattern in 0..=255u8 {
            let flags: [u8; 8] = std::array::from_fn(|i| (pattern >> i) & 1);
            assert_eq!(pack_flags(u64::from_le_bytes(flags)), u64::from(pattern));
        }
    }

    #[test]
    fn cuts_as_char_by_char_at_every_window_edge() {
        let long = "a".repeat(150);
        let mut texts = vec![
            String::new(),
            " ,.".to_owned(),
            "word".to_owned(),
            long.clone(),
            format!("{long} x {long}"),
            "Ünïcode ΣΑΣ naïve_words x2 3.14 {:?} ok—done → next".to_owned(),
        ];
        // Words and non-ASCII characters across each window edge.
        for shift in 0..70 {
            texts.push(format!("{}lifetimes outlive—borrows é ok", " ".repeat(shift)));
            texts.push(format!("{}ééé lifetimes", "x".repeat(shift)));
        }
        for text in &texts {
            let mut words = Words::new(text);
            let cut: Vec<&str> = std::iter::from_fn(|| words.next_span())
                .map(|(from, to)| &text[from..to])
                .collect();
            assert_eq!(cut, char_by_char(text), "{text:?}");
        }
    }
}
