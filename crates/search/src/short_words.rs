//! The analyzer's memory of short words: each word of up to 16 bytes (all
//! but a few in the bank), keyed by its bytes as two integers, to a number.
//!
//! Why not a `HashMap<Box<str>, _>`: looking each word up there was most of
//! the analyzer's time, in the calls to `memcmp`, the pointer to each key
//! and the hashing of bytes. Here a key is read from the text with two
//! loads, hashed with one multiplication and compared as two integers, and
//! the table is one array (open addressing, linear probing).

/// A word of up to 16 bytes as two little-endian integers, padded with zero
/// bytes (a word has none: NUL is no letter or digit, so no key is all zero
/// where a word starts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct ShortWord([u64; 2]);

impl ShortWord {
    /// The word at `from..to` of `text`, if it is short enough.
    pub(crate) fn at(text: &[u8], from: usize, to: usize) -> Option<ShortWord> {
        let len = to - from;
        if len == 0 || len > 16 {
            return None;
        }
        let Some(sixteen) = text.get(from..from + 16) else {
            return Some(ShortWord::padded(&text[from..to]));
        };
        let (low, high) = sixteen.split_at(8);
        let half = |half: &[u8]| u64::from_le_bytes(half.try_into().expect("eight bytes"));
        Some(ShortWord([
            half(low) & low_bytes(len.min(8)),
            half(high) & low_bytes(len.saturating_sub(8)),
        ]))
    }

    /// Near the end of a text, where 16 bytes cannot be read.
    fn padded(word: &[u8]) -> ShortWord {
        let mut padded = [0u8; 16];
        padded[..word.len()].copy_from_slice(word);
        let (low, high) = padded.split_at(8);
        let half = |half: &[u8]| u64::from_le_bytes(half.try_into().expect("eight bytes"));
        ShortWord([half(low), half(high)])
    }

    fn slot(self, shift: u32) -> usize {
        let mixed = (self.0[0] ^ self.0[1].rotate_left(32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> shift) as usize
    }
}

/// A mask of the `count` (0 to 8) low bytes of an integer.
fn low_bytes(count: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * count as u32).unwrap_or(0)
}

/// Short words to numbers.
#[derive(Debug)]
pub(crate) struct ShortWordMap {
    slots: Vec<(ShortWord, u32)>,
    len: usize,
    /// 64 less the number of bits of a slot's index.
    shift: u32,
}

impl Default for ShortWordMap {
    fn default() -> ShortWordMap {
        ShortWordMap::with_slot_bits(10)
    }
}

impl ShortWordMap {
    fn with_slot_bits(bits: u32) -> ShortWordMap {
        ShortWordMap {
            slots: vec![(ShortWord::default(), 0); 1 << bits],
            len: 0,
            shift: 64 - bits,
        }
    }

    pub(crate) fn get(&self, word: ShortWord) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut at = word.slot(self.shift);
        loop {
            let (key, value) = self.slots[at];
            if key == word {
                return Some(value);
            }
            if key == ShortWord::default() {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Sets `word`'s number (the table stays at most half full).
    pub(crate) fn insert(&mut self, word: ShortWord, value: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = word.slot(self.shift);
        loop {
            let (key, _) = self.slots[at];
            if key == word || key == ShortWord::default() {
                self.len += usize::from(key != word);
                self.slots[at] = (word, value);
                return;
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(self, ShortWordMap::with_slot_bits(bits));
        for (word, value) in old.slots {
            if word != ShortWord::default() {
                self.insert(word, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_read_in_the_text_is_the_key_of_the_word_alone() {
        let text = b"lifetimes outlive borrowed_references x";
        for (from, to) in [(0, 9), (10, 17), (18, 26), (18, 34), (38, 39), (0, 16)] {
            assert_eq!(
                ShortWord::at(text, from, to),
                Some(ShortWord::padded(&text[from..to])),
                "{from}..{to}"
            );
        }
        assert_eq!(ShortWord::at(text, 0, 17), None, "longer than 16 bytes");
    }

    #[test]
    fn remembers_every_word_across_growth() {
        let mut map = ShortWordMap::default();
        let words: Vec<String> = (0..5_000).map(|n| format!("w{n}")).collect();
        let key = |word: &String| ShortWord::at(word.as_bytes(), 0, word.len()).expect("short");
        for (n, word) in words.iter().enumerate() {
            map.insert(key(word), n as u32);
        }
        map.insert(key(&words[7]), 70);
        for (n, word) in words.iter().enumerate() {
            assert_eq!(map.get(key(word)), Some(if n == 7 { 70 } else { n as u32 }));
        }
        assert_eq!(map.get(key(&"absent".to_owned())), None);
        assert_eq!(map.len, 5_000);
    }
}
