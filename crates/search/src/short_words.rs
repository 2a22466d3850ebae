//! The analyzer's memory of short words: each word of up to 12 bytes (all
//! but a few in the bank), keyed by its bytes as two integers, to a number.
//!
//! Why not a `HashMap<Box<str>, _>`: looking each word up there was most of
//! the analyzer's time, in the calls to `memcmp`, the pointer to each key,
//! the hashing of bytes and the misses of a table of 24-byte entries. Here a
//! key is read from the text with two loads, hashed with one multiplication
//! and compared as two integers, and the table is one array of 16-byte
//! slots (open addressing, linear probing, up to three quarters full): the
//! bank's words fit in 256 KiB, which stays in a core's cache while the
//! indexer streams through far more memory.

/// The longest word kept here, in bytes.
const LONGEST: usize = 12;

/// A word of up to 12 bytes as little-endian integers, padded with zero
/// bytes (a word has none: NUL is no letter or digit, so no word's key is
/// all zero).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct ShortWord {
    low: u64,
    high: u32,
}

impl ShortWord {
    /// The word at `from..to` of `text`, if it is short enough.
    pub(crate) fn at(text: &[u8], from: usize, to: usize) -> Option<ShortWord> {
        let len = to - from;
        if len == 0 || len > LONGEST {
            return None;
        }
        let Some(twelve) = text.get(from..from + LONGEST) else {
            return Some(ShortWord::padded(&text[from..to]));
        };
        let (low, high) = twelve.split_at(8);
        Some(ShortWord {
            low: u64::from_le_bytes(low.try_into().expect("eight bytes")) & low_bytes(len.min(8)),
            high: u32::from_le_bytes(high.try_into().expect("four bytes")) & low_bytes(len.saturating_sub(8)) as u32,
        })
    }

    /// Near the end of a text, where 12 bytes cannot be read.
    fn padded(word: &[u8]) -> ShortWord {
        let mut padded = [0u8; LONGEST];
        padded[..word.len()].copy_from_slice(word);
        let (low, high) = padded.split_at(8);
        ShortWord {
            low: u64::from_le_bytes(low.try_into().expect("eight bytes")),
            high: u32::from_le_bytes(high.try_into().expect("four bytes")),
        }
    }

    fn slot(self, shift: u32) -> usize {
        let mixed = (self.low ^ u64::from(self.high).rotate_left(32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> shift) as usize
    }

    fn is_empty(self) -> bool {
        self == ShortWord::default()
    }
}

/// A mask of the `count` (0 to 8) low bytes of an integer.
fn low_bytes(count: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * count as u32).unwrap_or(0)
}

/// One place of the table: a word and its number, in 16 bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    low: u64,
    high: u32,
    value: u32,
}

impl Slot {
    fn word(self) -> ShortWord {
        ShortWord {
            low: self.low,
            high: self.high,
        }
    }
}

/// Short words to numbers.
#[derive(Debug)]
pub(crate) struct ShortWordMap {
    slots: Vec<Slot>,
    len: usize,
    /// 64 less the number of bits of a slot's index.
    shift: u32,
}

impl Default for ShortWordMap {
    fn default() -> ShortWordMap {
        ShortWordMap::with_slot_bits(4)
    }
}

impl ShortWordMap {
    fn with_slot_bits(bits: u32) -> ShortWordMap {
        ShortWordMap {
            slots: vec![Slot::default(); 1 << bits],
            len: 0,
            shift: 64 - bits,
        }
    }

    pub(crate) fn get(&self, word: ShortWord) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut at = word.slot(self.shift);
        loop {
            let slot = self.slots[at];
            if slot.word() == word {
                return Some(slot.value);
            }
            if slot.word().is_empty() {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// Sets `word`'s number.
    pub(crate) fn insert(&mut self, word: ShortWord, value: u32) {
        if 4 * (self.len + 1) > 3 * self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = word.slot(self.shift);
        loop {
            let slot = self.slots[at];
            if slot.word() == word || slot.word().is_empty() {
                self.len += usize::from(slot.word() != word);
                self.slots[at] = Slot {
                    low: word.low,
                    high: word.high,
                    value,
                };
                return;
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let bits = 64 - self.shift + 1;
        let old = std::mem::replace(self, ShortWordMap::with_slot_bits(bits));
        for slot in old.slots {
            if !slot.word().is_empty() {
                self.insert(slot.word(), slot.value);
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
        for (from, to) in [(0, 9), (10, 17), (18, 26), (18, 30), (38, 39), (0, 12), (30, 39)] {
            assert_eq!(
                ShortWord::at(text, from, to),
                Some(ShortWord::padded(&text[from..to])),
                "{from}..{to}"
            );
        }
        assert_eq!(ShortWord::at(text, 0, 13), None, "longer than 12 bytes");
        assert_ne!(ShortWord::at(text, 0, 9), ShortWord::at(text, 0, 8));
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
