//! MD5 as lower-case hex, for the names the Serverless Framework derives
//! from a hash (ALB target groups, long rule and function names).

use md5::{Digest, Md5};

/// The MD5 of `data`, as 32 lower-case hex digits.
pub fn hex(data: &[u8]) -> String {
    hex::encode(Md5::digest(data))
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn matches_the_rfc_test_suite() {
        assert_eq!(hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(b"abc"), "900150983cd24fb0d6963f7d28e17f72");
    }

    #[test]
    fn matches_the_alb_target_group_name() {
        // tests/package/README.md
        assert_eq!(hex(b"alb-targets-users-50dc6c495c0c9188-dev"), "5d6c200e4c61bde256b96015d27c3038");
    }
}
