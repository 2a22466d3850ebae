//! One term's postings while a segment is built: the documents it occurs
//! in, ascending, each with how often, packed as variable-length integers
//! (LEB128) in one growing buffer. Written by hand: two short loops on the
//! build's hot path, not worth a dependency.

/// A term's documents in one field of one segment.
#[derive(Debug, Default)]
pub(crate) struct TermPostings {
    bytes: Vec<u8>,
    last_doc: u32,
    docs: u32,
}

impl TermPostings {
    /// Records that the term occurs `freq` times in `doc`, which comes after
    /// every document recorded before. Returns the bytes it took.
    pub(crate) fn push(&mut self, doc: u32, freq: u32) -> usize {
        debug_assert!(freq > 0 && (self.docs == 0 || doc > self.last_doc));
        let before = self.bytes.len();
        // Most terms occur once in a document: that is the low bit of the
        // gap, and only other frequencies take bytes of their own.
        let gap = u64::from(doc - self.last_doc);
        write_varint(&mut self.bytes, (gap << 1) | u64::from(freq == 1));
        if freq != 1 {
            write_varint(&mut self.bytes, u64::from(freq));
        }
        self.last_doc = doc;
        self.docs += 1;
        self.bytes.len() - before
    }

    /// How many documents the term occurs in.
    pub(crate) fn docs(&self) -> u32 {
        self.docs
    }

    /// Each document with the term's frequency in it, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut bytes = self.bytes.as_slice();
        let mut doc = 0u32;
        (0..self.docs).map(move |_| {
            let word = read_varint(&mut bytes);
            // Gaps were written from `u32` documents, so they fit.
            doc += (word >> 1) as u32;
            let freq = if word & 1 == 1 {
                1
            } else {
                read_varint(&mut bytes) as u32
            };
            (doc, freq)
        })
    }
}

fn write_varint(bytes: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

/// Reads one integer `write_varint` wrote, and moves past it.
fn read_varint(bytes: &mut &[u8]) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    while let Some((&byte, rest)) = bytes.split_first() {
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_back_what_was_recorded_at_any_size() {
        let recorded = [
            (0, 1),
            (1, 2),
            (200, 1),
            (201, 130),
            (70_000, 1),
            (u32::MAX - 1, 1),
            (u32::MAX, u32::MAX),
        ];
        let mut postings = TermPostings::default();
        let bytes: usize = recorded.iter().map(|&(doc, freq)| postings.push(doc, freq)).sum();
        assert_eq!(postings.docs(), 7);
        assert_eq!(postings.iter().collect::<Vec<_>>(), recorded);
        assert_eq!(bytes, postings.bytes.len());
        assert_eq!(TermPostings::default().iter().count(), 0);
    }
}
