//! The service as the AWS commands (`deploy`, `diff`, `remove`, `info`)
//! read it: the file analysed, and its target.

use std::path::PathBuf;

use svc_compiler::Diagnostic;
use svc_compiler::analysis::{Analysis, analyse_for_build};
use svc_compiler::tree::Node;
use svc_lsp::Disk;

use crate::args::ServiceArgs;
use crate::aws::events::Event;
use crate::aws::stack::StackInfo;
use crate::error::Error;
use crate::input::{self, SourceFile};
use crate::output;
use crate::present::failure::{self, SourceMap};
use crate::target::Target;

/// A service file, analysed.
pub struct Loaded {
    /// The file.
    pub file: SourceFile,
    /// Its folder.
    pub base: PathBuf,
    /// The service analysed: resolved and checked, with its settings.
    pub analysis: Analysis,
}

impl Loaded {
    /// Reads and analyses the service, printing its problems. With
    /// `strict`, any error stops here (deploy, diff); otherwise only a
    /// service without a name does (remove, info).
    pub fn load(args: &ServiceArgs, strict: bool) -> Result<Loaded, Error> {
        let path = input::service_path(args.path.as_deref());
        let file = input::read(&path).map_err(Error::Failed)?;
        let base = input::service_dir(&path);
        let analysis = analyse_for_build(&file.decoded.text, &args.options.options(base.clone()), &Disk);
        let mut diagnostics = file.decoded.diagnostics.clone();
        diagnostics.extend(analysis.diagnostics.iter().cloned());
        output::human(&file.path, &file.decoded.text, &diagnostics);
        let loaded = Loaded { file, base, analysis };
        let errors = output::count(diagnostics.iter()).0 > 0;
        if errors && (strict || loaded.target(args).service.is_empty()) {
            return Err(Error::Problem(format!("{}: fix the errors above first", loaded.file.path.display())));
        }
        Ok(loaded)
    }

    /// Where the service goes.
    pub fn target(&self, args: &ServiceArgs) -> Target {
        Target::new(&self.analysis.settings, &self.analysis.service, args.endpoint_url.clone())
    }

    /// Prints diagnostics found after loading (deploy-time variables,
    /// lowering).
    pub fn report(&self, diagnostics: &[Diagnostic]) {
        output::human(&self.file.path, &self.file.decoded.text, diagnostics);
    }

    /// The file name as the user should see it.
    pub fn file_name(&self) -> String {
        self.file.path.display().to_string()
    }

    /// The error for a stack operation that ended in failure (`what`):
    /// its first failed resource, with the line of this service that made it.
    pub fn stack_error(&self, info: &StackInfo, events: &[Event], what: &str) -> Error {
        let map = SourceMap::new(&self.analysis.service);
        failure::stack_error(info, events, Some((&map, &self.file_name(), &self.file.decoded.text)), what)
    }
}

/// The names of the service's functions, in order.
pub fn function_names(service: &Node) -> Vec<String> {
    service
        .at(&svc_compiler::tree::Path::keys(&["functions"]))
        .and_then(Node::as_object)
        .map(|f| f.entries().iter().map(|e| e.key.as_str().to_owned()).collect())
        .unwrap_or_default()
}
