//! Arrays and objects of the canonical writer; an object's entries are put in key order.

use serde::ser::{self, Serialize};
use std::borrow::Cow;

use super::key::KeyWriter;
use super::{NotJson, Writer, scalar};

/// An array being written; a tuple variant's is wrapped in `{"Variant": [...]}`.
pub(super) struct Array<'a> {
    out: &'a mut Vec<u8>,
    variant: Option<&'static str>,
    first: bool,
}

impl<'a> Array<'a> {
    pub(super) fn new(out: &'a mut Vec<u8>, variant: Option<&'static str>) -> Self {
        if let Some(v) = variant {
            out.push(b'{');
            scalar(out, v);
            out.push(b':');
        }
        out.push(b'[');
        Array {
            out,
            variant,
            first: true,
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        v.serialize(Writer { out: self.out })
    }

    fn close(self) -> Result<(), NotJson> {
        self.out.push(b']');
        if self.variant.is_some() {
            self.out.push(b'}');
        }
        Ok(())
    }
}

macro_rules! array_impl {
    ($($trait:ident: $method:ident),*) => {
        $(impl ser::$trait for Array<'_> {
            type Ok = ();
            type Error = NotJson;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
                self.item(v)
            }
            fn end(self) -> Result<(), NotJson> {
                self.close()
            }
        })*
    };
}

array_impl!(SerializeSeq: serialize_element, SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field, SerializeTupleVariant: serialize_field);

/// An object being written: each entry goes straight to the output with its key, and at
/// the end, if the keys were not already in byte order (or one repeats), the object's body
/// is rewritten in that order, a repeated key keeping its last value (a struct variant's
/// object is wrapped in `{"Variant": {...}}`).
pub(super) struct Object<'a> {
    out: &'a mut Vec<u8>,
    variant: Option<&'static str>,
    body: usize,
    entries: Vec<Entry>,
    key: String,
}

/// Where one entry (`"key":value`, without its comma) lies in the output.
struct Entry {
    key: Cow<'static, str>,
    start: usize,
    end: usize,
}

impl<'a> Object<'a> {
    pub(super) fn new(out: &'a mut Vec<u8>, variant: Option<&'static str>) -> Self {
        if let Some(v) = variant {
            out.push(b'{');
            scalar(out, v);
            out.push(b':');
        }
        out.push(b'{');
        let body = out.len();
        Object {
            out,
            variant,
            body,
            entries: Vec::new(),
            key: String::new(),
        }
    }

    fn entry<T: Serialize + ?Sized>(
        &mut self,
        key: Cow<'static, str>,
        v: &T,
    ) -> Result<(), NotJson> {
        if !self.entries.is_empty() {
            self.out.push(b',');
        }
        let start = self.out.len();
        scalar(self.out, &*key);
        self.out.push(b':');
        v.serialize(Writer { out: self.out })?;
        let end = self.out.len();
        self.entries.push(Entry { key, start, end });
        Ok(())
    }

    fn in_order(&self) -> bool {
        self.entries
            .windows(2)
            .all(|w| w[0].key.as_bytes() < w[1].key.as_bytes())
    }

    /// Rewrites the body with its entries sorted by key (stable: of entries with one key,
    /// the last one is kept).
    fn reorder(&mut self) {
        let old = self.out.split_off(self.body);
        let base = self.body;
        self.entries
            .sort_by(|a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
        let mut first = true;
        for (i, e) in self.entries.iter().enumerate() {
            if self
                .entries
                .get(i + 1)
                .is_some_and(|next| next.key == e.key)
            {
                continue;
            }
            if !first {
                self.out.push(b',');
            }
            first = false;
            self.out
                .extend_from_slice(&old[e.start - base..e.end - base]);
        }
    }

    fn close(mut self) -> Result<(), NotJson> {
        if !self.in_order() {
            self.reorder();
        }
        self.out.push(b'}');
        if self.variant.is_some() {
            self.out.push(b'}');
        }
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = NotJson;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotJson> {
        self.key = key.serialize(KeyWriter)?;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotJson> {
        let key = std::mem::take(&mut self.key);
        self.entry(Cow::Owned(key), v)
    }
    fn end(self) -> Result<(), NotJson> {
        self.close()
    }
}

macro_rules! object_impl {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Object<'_> {
            type Ok = ();
            type Error = NotJson;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                v: &T,
            ) -> Result<(), NotJson> {
                self.entry(Cow::Borrowed(key), v)
            }
            fn end(self) -> Result<(), NotJson> {
                self.close()
            }
        })*
    };
}

object_impl!(SerializeStruct, SerializeStructVariant);
