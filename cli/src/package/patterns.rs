//! Which files go into a package: every file of the service folder, less
//! the default excludes, then `package.patterns` in order, as the
//! Serverless Framework applies them (`!glob` excludes, `glob` includes
//! again).

use globset::{Glob, GlobMatcher};

/// Files never packaged unless a pattern includes them again.
const DEFAULT_EXCLUDES: &[&str] = &[
    ".git/**",
    ".gitignore",
    ".DS_Store",
    "npm-debug.log",
    "serverless.yml",
    "serverless.yaml",
    "serverless.json",
    ".serverless/**",
    ".serverless_plugins/**",
    "*.svc",
    ".svc/**",
];

/// An ordered list of include/exclude globs.
pub struct Patterns {
    rules: Vec<(bool, GlobMatcher)>,
}

impl Patterns {
    /// The default excludes, the extra excludes (such as layer folders)
    /// and then `patterns`; an invalid glob is an error naming it.
    pub fn new(patterns: &[String], extra_excludes: &[String]) -> Result<Self, String> {
        let mut rules = Vec::new();
        let defaults = DEFAULT_EXCLUDES.iter().map(|p| format!("!{p}"));
        let extra = extra_excludes.iter().map(|p| format!("!{p}"));
        for pattern in defaults.chain(extra).chain(patterns.iter().cloned()) {
            let (include, glob) = match pattern.strip_prefix('!') {
                Some(rest) => (false, rest.to_owned()),
                None => (true, pattern.clone()),
            };
            let glob = glob.trim_start_matches("./").to_owned();
            let matcher = Glob::new(&glob).map_err(|e| format!("package pattern `{pattern}`: {e}"))?.compile_matcher();
            rules.push((include, matcher));
        }
        Ok(Patterns { rules })
    }

    /// Whether the file at `path` (relative, `/`-separated) is packaged.
    pub fn includes(&self, path: &str) -> bool {
        self.rules.iter().fold(true, |included, (include, glob)| if glob.is_match(path) { *include } else { included })
    }
}

#[cfg(test)]
mod tests {
    use super::Patterns;

    fn patterns(list: &[&str]) -> Patterns {
        Patterns::new(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(), &[]).expect("valid")
    }

    #[test]
    fn default_excludes_apply() {
        let p = patterns(&[]);
        assert!(p.includes("handler.py"));
        assert!(!p.includes(".git/config"));
        assert!(!p.includes("service.svc"));
        assert!(!p.includes(".svc/cloudformation-template-update-stack.json"));
    }

    #[test]
    fn later_patterns_win() {
        let p = patterns(&["!tests/**", "tests/fixtures/keep.json"]);
        assert!(!p.includes("tests/test_handler.py"));
        assert!(p.includes("tests/fixtures/keep.json"));
        assert!(p.includes("src/app.py"));
    }
}
