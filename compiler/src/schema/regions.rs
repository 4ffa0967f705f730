//! The AWS commercial regions (partition `aws`) open to everyone, as of
//! late 2026. GovCloud (`us-gov-*`), China (`cn-*`), ISO and the European
//! Sovereign Cloud are separate partitions and are not listed.

/// Every current AWS commercial region, grouped by geography.
pub const REGIONS: &[&str] = &[
    // North America
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "ca-west-1",
    "mx-central-1",
    // South America
    "sa-east-1",
    // Europe
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    // Middle East and Africa
    "af-south-1",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    // Asia Pacific
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
];
