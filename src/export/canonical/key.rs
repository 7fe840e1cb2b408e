//! Map keys of the canonical writer, turned into text as `serde_json::to_value` does.

use serde::ser::{self, Impossible, Serialize};

use super::NotJson;

/// A map key as `serde_json::to_value` turns it into text.
pub(super) struct KeyWriter;

macro_rules! keys {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<String, NotJson> {
            Ok(v.to_string())
        })*
    };
}

macro_rules! refused {
    ($($method:ident $(: $ty:ty)?),*) => {
        $(fn $method(self $(, _: $ty)?) -> Result<String, NotJson> {
            Err(NotJson)
        })*
    };
}

impl ser::Serializer for KeyWriter {
    type Ok = String;
    type Error = NotJson;
    type SerializeSeq = Impossible<String, NotJson>;
    type SerializeTuple = Impossible<String, NotJson>;
    type SerializeTupleStruct = Impossible<String, NotJson>;
    type SerializeTupleVariant = Impossible<String, NotJson>;
    type SerializeMap = Impossible<String, NotJson>;
    type SerializeStruct = Impossible<String, NotJson>;
    type SerializeStructVariant = Impossible<String, NotJson>;

    keys!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_char: char, serialize_str: &str);
    refused!(serialize_f32: f32, serialize_f64: f64, serialize_bytes: &[u8], serialize_none,
        serialize_unit, serialize_unit_struct: &'static str);

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<String, NotJson> {
        Ok(v.to_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, NotJson> {
        Err(NotJson)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<String, NotJson> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, NotJson> {
        Err(NotJson)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotJson> {
        Err(NotJson)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotJson> {
        Err(NotJson)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotJson> {
        Err(NotJson)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotJson> {
        Err(NotJson)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotJson> {
        Err(NotJson)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotJson> {
        Err(NotJson)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotJson> {
        Err(NotJson)
    }
}
