//! What the index holds of a question: the entry given to it, and the
//! tantivy fields its parts go to.

use bank::{Bank, Question};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};

/// The name of the entry-number field.
pub(crate) const ENTRY: &str = "entry";

/// What is indexed of one question. `open_text` is what anyone may read;
/// `premium_text` is searched and quoted only with proof of access.
#[derive(Debug, Clone)]
pub struct Entry {
    pub slug: String,
    pub title: String,
    /// Other phrasings, one per line.
    pub phrasings: String,
    pub topics: String,
    pub open_text: String,
    pub premium_text: String,
}

impl Entry {
    /// What the index holds of one of `bank`'s questions: its other
    /// phrasings are the titles it goes by in the 2026 list and its aliases;
    /// its topics are searched by name and label.
    pub(crate) fn of(bank: &Bank, question: &Question) -> Entry {
        let phrasings: Vec<&str> = bank
            .entries_of(question)
            .filter(|entry| !entry.placeholder)
            .map(|entry| entry.title.as_str())
            .chain(question.aliases.iter().map(String::as_str))
            .collect();
        let topics: Vec<String> = question
            .topics
            .iter()
            .map(|topic| format!("{} {}", topic.as_str(), topic.label()))
            .collect();
        let (open_text, premium_text) = question.searchable_text();
        Entry {
            slug: question.slug.to_string(),
            title: question.title.clone(),
            phrasings: phrasings.join("\n"),
            topics: topics.join(" "),
            open_text,
            premium_text,
        }
    }
}

/// How many text fields an entry fills.
pub(crate) const TEXT_FIELDS: usize = 5;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The entry's number, a fast field: a hit's slug without loading its
    /// stored document, and filters without touching the text.
    pub(crate) entry: Field,
    pub(crate) title: Field,
    pub(crate) aliases: Field,
    pub(crate) topics: Field,
    pub(crate) free_text: Field,
    pub(crate) premium_text: Field,
}

impl Fields {
    /// The schema: text analyzed by `analyzer`, with how often each term
    /// occurs but not where (no query uses phrases), and no text stored
    /// (snippets ask `crate::Texts`).
    pub(crate) fn schema(analyzer: &str) -> (Fields, Schema) {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            entry: schema.add_u64_field(ENTRY, FAST),
            title: schema.add_text_field("title", text.clone()),
            aliases: schema.add_text_field("aliases", text.clone()),
            topics: schema.add_text_field("topics", text.clone()),
            free_text: schema.add_text_field("free_text", text.clone()),
            premium_text: schema.add_text_field("premium_text", text),
        };
        (fields, schema.build())
    }

    /// The text fields, in field order.
    pub(crate) fn text_fields(&self) -> [Field; TEXT_FIELDS] {
        [self.title, self.aliases, self.topics, self.free_text, self.premium_text]
    }

    /// Each text field with the part of `entry` it holds, in field order.
    pub(crate) fn texts<'a>(&self, entry: &'a Entry) -> [(Field, &'a str); TEXT_FIELDS] {
        let parts = [
            &entry.title,
            &entry.phrasings,
            &entry.topics,
            &entry.open_text,
            &entry.premium_text,
        ];
        let fields = self.text_fields();
        std::array::from_fn(|slot| (fields[slot], parts[slot].as_str()))
    }
}
