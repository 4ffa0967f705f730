//! Ids of generated events (request ids, message ids, API ids): derived
//! from a seed, so that the same seed gives the same id.

use sha2::{Digest, Sha256};

/// A version-4-shaped UUID: `059f36b4-87a3-44ab-83d2-661975830a7d`.
pub fn uuid(seed: &str) -> String {
    let hex = hex::encode(Sha256::digest(seed.as_bytes()));
    // The version digit is 4 and the variant digit one of 8, 9, a, b, as
    // in a random UUID.
    let variant = ["8", "9", "a", "b"][usize::from(Sha256::digest(hex.as_bytes())[0] % 4)];
    format!("{}-{}-4{}-{variant}{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// `length` lower-case letters and digits (at most 64), like an API id.
pub fn token(seed: &str, length: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let digest = Sha256::digest(seed.as_bytes());
    let bytes = digest.iter().chain(Sha256::digest(digest).iter()).copied().collect::<Vec<u8>>();
    bytes.iter().take(length).map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()])).collect()
}

#[cfg(test)]
mod tests {
    use super::{token, uuid};

    #[test]
    fn a_seed_gives_one_uuid_of_version_4() {
        let id = uuid("a");
        assert_eq!(id, uuid("a"));
        assert_ne!(id, uuid("b"));
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        assert!(id.split('-').nth(2).is_some_and(|g| g.starts_with('4')), "{id}");
        assert!(id.split('-').nth(3).is_some_and(|g| g.starts_with(['8', '9', 'a', 'b'])), "{id}");
    }

    #[test]
    fn tokens_are_lower_case_letters_and_digits() {
        let id = token("a", 10);
        assert_eq!(id.len(), 10);
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()), "{id}");
        assert_eq!(token("a", 40).len(), 40);
    }
}
