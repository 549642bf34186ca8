//! The validators' encoding: what is written reads back byte for byte, with or without a
//! cursor and whatever the body holds; a value of another version, or cut short, is refused
//! rather than misread.

use super::*;

fn validated(cursor: Option<&str>, body: &'static [u8]) -> Validated {
    Validated {
        etag: "W/\"5f2a\"".to_owned(),
        body: Bytes::from_static(body),
        next_cursor: cursor.map(str::to_owned),
    }
}

#[test]
fn what_is_written_reads_back_and_its_length_is_known_beforehand() {
    for original in [
        validated(Some("3"), b"[{\"number\":1}]"),
        validated(None, b""),
        validated(Some(""), &[0, 159, 146, 150, 255]),
    ] {
        let bytes = encode(&original);
        assert_eq!(bytes.len(), encoded_len(&original));
        assert_eq!(bytes[0], VERSION);
        assert_eq!(decode(&bytes), Ok(original));
    }
}

#[test]
fn another_version_or_a_value_cut_short_is_refused() {
    let bytes = encode(&validated(Some("3"), b"{}"));
    let mut newer = bytes.clone();
    newer[0] = VERSION + 1;
    assert_eq!(decode(&newer), Err(DecodeError::Version(VERSION + 1)));
    assert_eq!(decode(&[]), Err(DecodeError::Empty));
    assert_eq!(decode(&bytes[..3]), Err(DecodeError::Truncated("ETag")));
    let etag_end = 1 + 4 + "W/\"5f2a\"".len();
    assert_eq!(
        decode(&bytes[..etag_end]),
        Err(DecodeError::Truncated("cursor"))
    );
    assert_eq!(
        decode(&bytes[..etag_end + 3]),
        Err(DecodeError::Truncated("cursor"))
    );
}

#[test]
fn an_etag_that_is_not_text_is_refused() {
    let mut bytes = vec![VERSION];
    bytes.extend_from_slice(&2u32.to_be_bytes());
    bytes.extend_from_slice(&[0xff, 0xfe, 0]);
    assert_eq!(decode(&bytes), Err(DecodeError::NotText("ETag")));
}
