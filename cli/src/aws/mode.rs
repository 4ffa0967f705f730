//! How CloudFormation runs a deploy: standard or express, with or without
//! rolling back a failure, and the parameters each API call takes for it.

use aws_sdk_cloudformation::types::{DeploymentConfig, DeploymentConfigMode, OnFailure, OnStackFailure};

/// How a deploy's stack operation runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    /// Express: the operation completes once each resource's configuration
    /// is applied, without waiting for resources to be ready.
    pub express: bool,
    /// Whether a failure is rolled back (else the resources stay as the
    /// failed operation left them).
    pub rollback: bool,
}

impl Default for Mode {
    fn default() -> Mode {
        Mode { express: false, rollback: true }
    }
}

impl Mode {
    /// The mode of `--express` / `deploy { express }` and `--no-rollback`:
    /// express mode does not roll back.
    pub fn new(express: bool, no_rollback: bool) -> Mode {
        Mode { express, rollback: !express && !no_rollback }
    }

    /// `DeploymentConfig` of CreateChangeSet, CreateStack and UpdateStack:
    /// set only in express mode (standard is CloudFormation's default).
    pub fn config(&self) -> Option<DeploymentConfig> {
        self.express.then(|| DeploymentConfig::builder().mode(DeploymentConfigMode::Express).build())
    }

    /// `OnStackFailure` of a change set that creates the stack: delete a
    /// stack whose creation failed, or keep what was created.
    pub fn on_stack_failure(&self) -> OnStackFailure {
        if self.rollback { OnStackFailure::Delete } else { OnStackFailure::DoNothing }
    }

    /// `OnFailure` of CreateStack, the same choice.
    pub fn on_failure(&self) -> OnFailure {
        if self.rollback { OnFailure::Delete } else { OnFailure::DoNothing }
    }

    /// `DisableRollback` of ExecuteChangeSet (for a stack that exists) and
    /// UpdateStack: set only when a failure is not rolled back.
    pub fn disable_rollback(&self) -> Option<bool> {
        (!self.rollback).then_some(true)
    }

    /// What the user is told before the operation, when it is not the
    /// standard one.
    pub fn describe(&self) -> Option<&'static str> {
        match (self.express, self.rollback) {
            (true, _) => Some(
                "express mode: the stack completes once each resource's configuration is applied, without waiting for resources to be ready to serve traffic (they become ready in the background), and a failure is not rolled back",
            ),
            (false, false) => Some(
                "rollback off (--no-rollback): if the deploy fails, what it created or updated stays as it is, so the cause can be fixed and the deploy run again",
            ),
            (false, true) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn express_mode_does_not_roll_back_and_standard_does() {
        let express = Mode::new(true, false);
        assert_eq!(express.config().and_then(|c| c.mode).map(|m| m.as_str().to_owned()), Some("EXPRESS".into()));
        assert_eq!(express.disable_rollback(), Some(true));
        assert_eq!(express.on_stack_failure(), OnStackFailure::DoNothing);
        let standard = Mode::default();
        assert_eq!(standard, Mode::new(false, false));
        assert!(standard.config().is_none() && standard.disable_rollback().is_none());
        assert_eq!(standard.on_failure(), OnFailure::Delete);
        assert!(standard.describe().is_none());
        let kept = Mode::new(false, true);
        assert_eq!((kept.express, kept.rollback, kept.on_failure()), (false, false, OnFailure::DoNothing));
    }
}
