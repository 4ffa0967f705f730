//! The canonical formatter (placeholder until the formatter lands).
