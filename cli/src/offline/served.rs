//! What `svc offline` serves from one analysis of the service: its routes
//! (read from the template `svc deploy` would create) and a pool of warm
//! workers per function that can run here. A change to the service file
//! makes a new one; the old one serves until the new one is ready.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use crate::args::ServiceArgs;
use crate::error::Error;
use crate::gateway::routes::Routes;
use crate::loaded::{self, Loaded};
use crate::local::environment::{self, Identity};
use crate::local::function::{self, LocalFunction};
use crate::output;
use crate::target::Target;

use super::schedules::{self, Schedule};
use super::workers::Pool;

/// One analysis of the service, served.
pub struct Served {
    /// The routes.
    pub routes: Routes,
    /// The workers of each function that runs here, by name.
    pub pools: BTreeMap<String, Arc<Pool>>,
    /// Why each other function cannot run here.
    pub unavailable: BTreeMap<String, String>,
    /// Where the service goes (its stage and region name the events).
    pub target: Target,
    /// The enabled `schedule` rules.
    pub schedules: Vec<Schedule>,
}

impl Served {
    /// Analyses the service (printing its problems as `svc check` does)
    /// and prepares what it serves; workers are started on first use.
    /// `env` are `--env` overrides; `workers` the most per function.
    pub async fn load(
        args: &ServiceArgs,
        env: &[(String, String)],
        workers: usize,
        generation: &Arc<AtomicU64>,
    ) -> Result<Served, Error> {
        let loaded = Loaded::load(args, true)?;
        let template = function::template(&loaded.analysis);
        let names = loaded::function_names(&loaded.analysis.service);
        let ids = names.iter().map(|n| (svc_compiler::naming::lambda_function(n), n.clone())).collect();
        let json = template.to_json();
        let routes = Routes::of(&json, &ids);
        let target = loaded.target(args);
        let schedules = schedules::of(&json, &ids, &target.stack);
        let mut pools = BTreeMap::new();
        let mut unavailable = BTreeMap::new();
        for name in names {
            match LocalFunction::of(&loaded.analysis, &loaded.base, &name, &template) {
                Ok(function) => {
                    let identity = Identity::new(&function);
                    let variables = environment::environment(&function, &target, &identity, env).await;
                    for layer in &function.remote_layers {
                        output::warning(&format!(
                            "function `{name}`: layer {layer} is not part of this service: its content is not importable locally"
                        ));
                    }
                    let pool = Pool::new(
                        function,
                        variables,
                        target.region.clone(),
                        identity,
                        workers,
                        Arc::clone(generation),
                    );
                    pools.insert(name, Arc::new(pool));
                }
                Err(why) => drop(unavailable.insert(name, why)),
            }
        }
        Ok(Served { routes, pools, unavailable, target, schedules })
    }

    /// Whether a function runs from an esbuild bundle (made when the
    /// service is loaded).
    pub fn bundles(&self) -> bool {
        self.pools.values().any(|pool| pool.function.node_modules.is_some())
    }

    /// Reloads every function's workers after a change to the code.
    pub fn reload(&self) {
        self.pools.values().for_each(|pool| pool.reload());
    }
}
