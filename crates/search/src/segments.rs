//! Writing the index's segments ourselves, in tantivy's format, for tantivy
//! to read.
//!
//! Why not tantivy's `IndexWriter`: it looks every token up in a hashed term
//! table of its own (2^19 slots for any memory budget it accepts), and that
//! look-up missed the cache on nearly every new term of a document: over
//! half of what its postings writer cost, which was half of building the
//! index. Our analyzer already gives each stem a number, so here a segment's
//! postings are kept by stem number in plain vectors, and tantivy's own
//! serializers (term dictionary, postings with their skip data, field norms,
//! fast fields, document store) lay them out. Reading and scoring are
//! tantivy's, unchanged; a test holds every result to an index written by
//! `IndexWriter`.

use crate::postings::TermPostings;
use crate::schema::{Entry, Fields, TEXT_FIELDS};
use crate::stems::{CachedStemmer, StemId};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use tantivy::directory::TerminatingWrite;
use tantivy::fastfield::FastFieldsWriter;
use tantivy::fieldnorm::{FieldNormReaders, FieldNormsSerializer, FieldNormsWriter};
use tantivy::index::{Segment, SegmentComponent, SegmentMeta};
use tantivy::postings::InvertedIndexSerializer;
use tantivy::schema::Schema;
use tantivy::store::StoreWriter;
use tantivy::{Directory, Index, TantivyDocument, doc};

/// Entries handed to an indexing thread at a time.
const BATCH: usize = 64;
/// From this many entries on, the index is written on every core (at most
/// `MAX_THREADS`), each thread writing its own segments: 100,000 synthetic
/// questions took 48.6 s on one thread and 21.9 s on two (`search_bench`, 2
/// cores, tantivy's writer then), searched as fast in their two segments as
/// in one. A smaller bank keeps one thread, so one segment for each search
/// to walk.
const PARALLEL_FROM: usize = 10_000;
const MAX_THREADS: usize = 4;
/// Bytes of postings a thread gathers before it writes them out as a
/// segment and starts another (vectors' spare room may double what they
/// hold in memory): 100,000 synthetic questions take 42 MB on each of two
/// threads, so they make one segment each.
const SEGMENT_BYTES: usize = 100_000_000;

/// How an index is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    pub(crate) threads: usize,
    /// Bytes of postings a thread gathers before it writes a segment.
    pub(crate) segment_bytes: usize,
}

impl Plan {
    /// The plan for a bank of `entries` entries.
    pub(crate) fn for_entries(entries: usize) -> Plan {
        let threads = if entries < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |cores| cores.get().min(MAX_THREADS))
        };
        Plan {
            threads,
            segment_bytes: SEGMENT_BYTES,
        }
    }
}

/// Entries, each with its number.
type Batch = Vec<(u64, Entry)>;

/// Where tantivy reads which segments make the index (`tantivy::IndexMeta`
/// is what it holds).
const META_FILE: &str = "meta.json";

/// Indexes `entries` into `index` (which must be empty) as `plan` says,
/// each thread writing its own segments, and makes the segments the
/// index's. Returns the entries' slugs, by entry number.
pub(crate) fn write_index(
    index: &Index,
    fields: Fields,
    stemmer: &CachedStemmer,
    entries: impl Iterator<Item = Entry>,
    plan: Plan,
) -> tantivy::Result<Vec<Box<str>>> {
    let mut slugs = Vec::new();
    let numbered = entries.map(|mut entry| {
        let number = slugs.len() as u64;
        slugs.push(std::mem::take(&mut entry.slug).into_boxed_str());
        (number, entry)
    });
    let metas = if plan.threads <= 1 {
        write_segments(index, fields, stemmer.clone(), numbered, plan.segment_bytes)?
    } else {
        write_in_parallel(index, fields, stemmer, numbered, plan)?
    };
    publish(index, metas)?;
    Ok(slugs)
}

/// Hands batches of entries to the plan's threads in turn, so each run
/// makes the same segments.
fn write_in_parallel(
    index: &Index,
    fields: Fields,
    stemmer: &CachedStemmer,
    numbered: impl Iterator<Item = (u64, Entry)>,
    Plan { threads, segment_bytes }: Plan,
) -> tantivy::Result<Vec<SegmentMeta>> {
    std::thread::scope(|scope| {
        let (senders, workers): (Vec<SyncSender<Batch>>, Vec<_>) = (0..threads)
            .map(|_| {
                let (sender, receiver) = sync_channel::<Batch>(2);
                let stemmer = stemmer.clone();
                let worker =
                    scope.spawn(move || write_segments(index, fields, stemmer, batches(receiver), segment_bytes));
                (sender, worker)
            })
            .unzip();
        let mut batch = Vec::with_capacity(BATCH);
        let mut turn = 0;
        for entry in numbered {
            batch.push(entry);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                // A thread that stopped has an error to report, below.
                if senders[turn % threads].send(full).is_err() {
                    break;
                }
                turn += 1;
            }
        }
        if !batch.is_empty() {
            _ = senders[turn % threads].send(batch);
        }
        drop(senders);
        let mut metas = Vec::new();
        for worker in workers {
            match worker.join() {
                Ok(written) => metas.extend(written?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(metas)
    })
}

fn batches(receiver: Receiver<Batch>) -> impl Iterator<Item = (u64, Entry)> {
    receiver.into_iter().flatten()
}

/// Indexes `numbered` entries into segments of about `segment_bytes` of
/// postings each (the last one less).
fn write_segments(
    index: &Index,
    fields: Fields,
    mut analyzer: CachedStemmer,
    numbered: impl Iterator<Item = (u64, Entry)>,
    segment_bytes: usize,
) -> tantivy::Result<Vec<SegmentMeta>> {
    let mut metas = Vec::new();
    // A segment's files are opened when its first entry comes, so no
    // segment is left empty and unwritten.
    let mut building: Option<SegmentBuilder> = None;
    for (number, entry) in numbered {
        let segment = match &mut building {
            Some(segment) => segment,
            None => building.insert(SegmentBuilder::new(index, fields)?),
        };
        segment.add(&mut analyzer, number, &entry)?;
        if segment.bytes >= segment_bytes
            && let Some(full) = building.take()
        {
            metas.push(full.write(&analyzer)?);
        }
    }
    if let Some(last) = building {
        metas.push(last.write(&analyzer)?);
    }
    Ok(metas)
}

/// One segment being built.
struct SegmentBuilder {
    segment: Segment,
    schema: Schema,
    fields: Fields,
    /// Each text field's postings (in `Fields::texts` order), by stem number.
    postings: [Vec<TermPostings>; TEXT_FIELDS],
    /// How many tokens each text field holds in all.
    tokens: [u64; TEXT_FIELDS],
    fieldnorms: FieldNormsWriter,
    fast_fields: FastFieldsWriter,
    /// Tantivy's readers expect a store, although nothing is stored.
    store: StoreWriter,
    max_doc: u32,
    /// The postings' size so far.
    bytes: usize,
}

impl SegmentBuilder {
    fn new(index: &Index, fields: Fields) -> tantivy::Result<SegmentBuilder> {
        let segment = index.new_segment();
        let schema = index.schema();
        let settings = index.settings();
        let store = StoreWriter::new(
            segment.open_write(SegmentComponent::Store)?,
            settings.docstore_compression,
            settings.docstore_blocksize,
            false,
        )?;
        Ok(SegmentBuilder {
            fieldnorms: FieldNormsWriter::for_schema(&schema),
            fast_fields: FastFieldsWriter::from_schema_and_tokenizer_manager(
                &schema,
                index.fast_field_tokenizer().clone(),
            )?,
            store,
            segment,
            schema,
            fields,
            postings: Default::default(),
            tokens: [0; TEXT_FIELDS],
            max_doc: 0,
            bytes: 0,
        })
    }

    /// Adds `entry` as the next document.
    fn add(&mut self, analyzer: &mut CachedStemmer, number: u64, entry: &Entry) -> tantivy::Result<()> {
        let doc = self.max_doc;
        for (slot, (field, text)) in self.fields.texts(entry).into_iter().enumerate() {
            let (postings, bytes) = (&mut self.postings[slot], &mut self.bytes);
            let mut tokens = 0;
            analyzer.each_stem(text, |stem, count| {
                let stem = stem as usize;
                if stem >= postings.len() {
                    postings.resize_with(stem + 1, TermPostings::default);
                }
                *bytes += postings[stem].push(doc, count);
                tokens += count;
            });
            self.tokens[slot] += u64::from(tokens);
            self.fieldnorms.record(doc, field, tokens);
        }
        let document: TantivyDocument = doc!(self.fields.entry => number);
        self.fast_fields.add_document(&document)?;
        self.store.store(&document, &self.schema)?;
        self.max_doc += 1;
        Ok(())
    }

    /// Lays the segment out as tantivy's `SegmentWriter` does: field norms,
    /// then postings (whose skip data reads the norms), fast fields, store.
    fn write(mut self, analyzer: &CachedStemmer) -> tantivy::Result<SegmentMeta> {
        let segment = self.segment.clone().with_max_doc(self.max_doc);
        self.fieldnorms.fill_up_to_max_doc(self.max_doc);
        let norms_file = FieldNormsSerializer::from_write(segment.open_write(SegmentComponent::FieldNorms)?)?;
        self.fieldnorms.serialize(norms_file, None)?;
        self.write_postings(&segment, analyzer)?;
        let mut fast_file = segment.open_write(SegmentComponent::FastFields)?;
        self.fast_fields.serialize(&mut fast_file, None)?;
        fast_file.terminate()?;
        self.store.close()?;
        Ok(segment.meta().clone())
    }

    /// Each text field's terms with their postings, in the order of their
    /// bytes, as the term dictionary wants them; a field no document has
    /// words in has no entry.
    fn write_postings(&self, segment: &Segment, analyzer: &CachedStemmer) -> tantivy::Result<()> {
        let norms = FieldNormReaders::open(segment.open_read(SegmentComponent::FieldNorms)?)?;
        let mut serializer = InvertedIndexSerializer::open(segment)?;
        for (slot, field) in self.fields.text_fields().into_iter().enumerate() {
            let mut terms: Vec<(&str, &TermPostings)> = self.postings[slot]
                .iter()
                .enumerate()
                .filter(|(_, postings)| postings.docs() > 0)
                .map(|(stem, postings)| (analyzer.stem(stem as StemId), postings))
                .collect();
            if terms.is_empty() {
                continue;
            }
            terms.sort_unstable_by_key(|&(stem, _)| stem);
            let mut terms_out = serializer.new_field(field, self.tokens[slot], norms.get_field(field)?)?;
            for (stem, postings) in terms {
                // A text term's bytes in the dictionary are its text
                // (`Term::serialized_value_bytes`).
                terms_out.new_term(stem.as_bytes(), postings.docs(), true)?;
                for (doc, freq) in postings.iter() {
                    terms_out.write_doc(doc, freq, &[]);
                }
                terms_out.close_term()?;
            }
            terms_out.close()?;
        }
        serializer.close()?;
        Ok(())
    }
}

/// Makes `metas` the segments of `index`, as a commit would.
fn publish(index: &Index, metas: Vec<SegmentMeta>) -> tantivy::Result<()> {
    let mut meta = index.load_metas()?;
    meta.segments = metas;
    let json = serde_json::to_vec(&meta).map_err(|error| tantivy::TantivyError::InternalError(error.to_string()))?;
    index.directory().atomic_write(Path::new(META_FILE), &json)?;
    Ok(())
}
