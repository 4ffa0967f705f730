//! The Lambda runtime identifiers svc accepts for `runtime`.
//!
//! Source: the AWS Lambda "Lambda runtimes" page (supported and deprecated
//! tables) as of November 2026. Dates in comments are AWS's deprecation
//! dates (end of security patches); AWS blocks creating, and later
//! updating, functions on a deprecated runtime some months after that date.
//! Refresh both lists when AWS adds or deprecates a runtime.

/// Runtimes that are supported (not deprecated) and can be used for new
/// functions. Container-image-only runtimes (such as .NET 9) are not listed:
/// an image function has no `runtime`.
pub const RUNTIMES: &[&str] = &[
    "nodejs24.x",      // deprecation 2028-04-30
    "nodejs22.x",      // deprecation 2027-04-30
    "python3.14",      // deprecation 2029-06-30
    "python3.13",      // deprecation 2029-06-30
    "python3.12",      // deprecation 2028-10-31
    "python3.11",      // deprecation 2027-06-30
    "java25",          // deprecation 2029-06-30
    "java21",          // deprecation 2029-06-30
    "java17.al2023",   // deprecation 2029-06-30
    "java17",          // Amazon Linux 2; deprecation 2027-06-30
    "java11.al2023",   // deprecation 2029-06-30
    "java11",          // Amazon Linux 2; deprecation 2027-06-30
    "java8.al2023",    // deprecation 2029-06-30
    "java8.al2",       // deprecation 2027-06-30
    "dotnet10",        // deprecation 2028-11-14
    "ruby4.0",         // deprecation 2029-03-31
    "ruby3.4",         // deprecation 2028-03-31
    "ruby3.3",         // deprecation 2027-03-31
    "provided.al2023", // OS-only runtime (Go, Rust, …); deprecation 2029-06-30
];

/// Runtimes AWS has deprecated recently but that existing functions may
/// still be deployed with until AWS's block dates pass. svc accepts them with
/// a warning; older runtimes (nodejs16.x, python3.8, go1.x, …) are rejected.
pub const DEPRECATED_RUNTIMES: &[&str] = &[
    "dotnet8",      // deprecated 2026-11-10
    "python3.10",   // deprecated 2026-10-31
    "provided.al2", // deprecated 2026-07-31
    "nodejs20.x",   // deprecated 2026-04-30
    "ruby3.2",      // deprecated 2026-03-31
    "python3.9",    // deprecated 2025-12-15
    "nodejs18.x",   // deprecated 2025-09-01
];
