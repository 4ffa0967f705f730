//! The Lambda platform packages are installed for: the runtime's Python
//! version and the function's architecture, as pip's `--platform`,
//! `--python-version` and `--implementation` options, so that the wheels
//! are Lambda's whatever machine builds them.

/// A Lambda Python platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    /// The Python version, such as `3.12`.
    pub python: String,
    /// `x86_64` or `arm64`, as Lambda names them.
    pub architecture: &'static str,
}

impl Platform {
    /// The platform of `runtime` (`python3.12`) on `architecture` (Lambda's
    /// name; `None` is `x86_64`); `None` for a runtime that is not Python.
    pub fn of(runtime: &str, architecture: Option<&str>) -> Option<Platform> {
        let python = runtime.strip_prefix("python")?;
        let (major, minor) = python.split_once('.')?;
        if major.parse::<u32>().is_err() || minor.parse::<u32>().is_err() {
            return None;
        }
        let architecture = if architecture == Some("arm64") { "arm64" } else { "x86_64" };
        Some(Platform { python: python.to_owned(), architecture })
    }

    /// The runtime, such as `python3.12`.
    pub fn runtime(&self) -> String {
        format!("python{}", self.python)
    }

    /// The machine name in wheel tags: `x86_64` or `aarch64`.
    fn machine(&self) -> &'static str {
        if self.architecture == "arm64" { "aarch64" } else { "x86_64" }
    }

    /// The newest glibc of the runtime's Amazon Linux: 2.34 from
    /// `python3.12` on (Amazon Linux 2023), 2.26 before (Amazon Linux 2).
    fn glibc_minor(&self) -> u32 {
        let minor = self.python.split_once('.').and_then(|(_, m)| m.parse::<u32>().ok()).unwrap_or(0);
        if minor >= 12 { 34 } else { 26 }
    }

    /// The wheel platform tags Lambda runs, newest first: every
    /// `manylinux_2_N` the runtime's glibc satisfies, down to 2.17, and
    /// the legacy names (`manylinux2014`, and on x86_64 `manylinux2010`
    /// and `manylinux1`). Pure-Python (`any`) wheels always fit.
    pub fn tags(&self) -> Vec<String> {
        let machine = self.machine();
        let mut tags: Vec<String> =
            (17..=self.glibc_minor()).rev().map(|minor| format!("manylinux_2_{minor}_{machine}")).collect();
        tags.push(format!("manylinux2014_{machine}"));
        if machine == "x86_64" {
            tags.push("manylinux2010_x86_64".to_owned());
            tags.push("manylinux1_x86_64".to_owned());
        }
        tags
    }

    /// pip's options that choose wheels for this platform only.
    pub fn pip_options(&self) -> Vec<String> {
        let mut options = vec![
            "--only-binary=:all:".to_owned(),
            "--implementation".to_owned(),
            "cp".to_owned(),
            "--python-version".to_owned(),
            self.python.clone(),
        ];
        for tag in self.tags() {
            options.push("--platform".to_owned());
            options.push(tag);
        }
        options
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "python{} on {}", self.python, self.architecture)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_runtimes_have_a_platform_and_others_none() {
        let platform = Platform::of("python3.12", Some("arm64")).expect("python");
        assert_eq!((platform.python.as_str(), platform.architecture), ("3.12", "arm64"));
        assert_eq!(Platform::of("python3.9", None).map(|p| p.architecture), Some("x86_64"));
        assert_eq!(Platform::of("nodejs20.x", None), None);
        assert_eq!(Platform::of("python3", None), None);
    }

    #[test]
    fn tags_follow_the_runtimes_glibc_and_machine() {
        let new = Platform::of("python3.12", None).expect("python").tags();
        assert_eq!(new.first().map(String::as_str), Some("manylinux_2_34_x86_64"));
        assert!(new.contains(&"manylinux_2_17_x86_64".to_owned()));
        assert!(new.contains(&"manylinux1_x86_64".to_owned()));
        let old = Platform::of("python3.11", Some("arm64")).expect("python").tags();
        assert_eq!(old.first().map(String::as_str), Some("manylinux_2_26_aarch64"));
        assert!(old.iter().all(|t| t.ends_with("_aarch64")));
        assert!(!old.iter().any(|t| t.starts_with("manylinux1")));
    }
}
