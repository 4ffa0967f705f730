// The svc extension: starts the language server (`svc lsp`, over stdio)
// for .svc files. Highlighting, brackets, comments and snippets are static
// contributions (package.json) and work without the server.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

const CLIENT_ID = "svc";
const CLIENT_NAME = "svc Language Server";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
/** Serializes start/stop/restart so that two restarts never overlap. */
let pending: Promise<void> = Promise.resolve();

/**
 * The language client, quiet while it starts: a failed start is reported
 * once, by `reportStartFailure`, instead of the client's own two or three
 * notifications ("couldn't create connection to server", …). Everything
 * still goes to the output channel.
 */
class SvcLanguageClient extends LanguageClient {
  starting = true;

  override error(message: string, data?: unknown, showNotification: boolean | "force" = true): void {
    super.error(message, data, this.starting ? false : showNotification);
  }
}

/** What the server is told at `initialize` (`initializationOptions`). */
export interface InitializationOptions {
  /** The stage variables are resolved for; null: the service's default. */
  stage: string | null;
  /** A folder `${file(...)}` may also read in; null: the project only. */
  fileRoot: string | null;
}

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand("svc.restartServer", () => queue(restart)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (["svc.path", "svc.stage", "svc.fileRoot"].some((setting) => e.affectsConfiguration(setting))) {
        void queue(restart);
      }
    }),
  );

  void queue(start);
}

export function deactivate(): Thenable<void> {
  return queue(stop);
}

function queue(task: () => Promise<void>): Promise<void> {
  pending = pending.then(task, task);
  return pending;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (!running) return;
  try {
    await running.stop(2000);
  } catch (e) {
    output?.warn(`stopping the server: ${String(e)}`);
  }
  await running.dispose();
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("svc");
  const configured = config.get<string>("path", "svc").trim() || "svc";
  const stage = config.get<string>("stage", "").trim();
  const fileRoot = config.get<string>("fileRoot", "").trim();

  const command = resolveCommand(configured);
  if (!command.path) {
    // Not awaited: the queue must not wait for the user to answer.
    void reportStartFailure(command.reason);
    return;
  }

  const serverOptions: ServerOptions = {
    command: command.path,
    // stdio, without `transport: TransportKind.stdio`: that would append
    // `--stdio` to the arguments, and the server is started as plain `svc lsp`.
    args: ["lsp"],
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  let started = false;
  const initializationOptions: InitializationOptions = {
    stage: stage === "" ? null : stage,
    fileRoot: fileRoot === "" ? null : fileRoot,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "svc" },
      { scheme: "untitled", language: "svc" },
    ],
    initializationOptions,
    outputChannel: output,
    errorHandler: errorHandler(() => started),
    initializationFailedHandler: (error) => {
      output?.error(`initialize failed: ${error instanceof Error ? error.message : String(error)}`);
      return false; // do not retry: start() fails and reportStartFailure says why
    },
    // The client reads `svc.trace.server` itself (the id is "svc").
  };

  const next = new SvcLanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  output?.info(`starting ${command.path} lsp${stage ? ` (stage ${stage})` : ""}`);
  try {
    await next.start();
    started = true;
    client = next;
  } catch (e) {
    await next.dispose().catch(() => undefined);
    const message = e instanceof Error ? e.message : String(e);
    void reportStartFailure(
      `\`${command.path} lsp\` failed (${message}); is it an svc with the \`lsp\` command? Try \`${command.path} lsp --help\``,
    );
  } finally {
    next.starting = false;
  }
}

/**
 * Before the server has started, a closed connection or an error is not
 * retried: `start()` fails and the one message of `reportStartFailure` says
 * why. Afterwards a crashed server is restarted, unless it crashed
 * MAX_CRASHES times within CRASH_WINDOW_MS.
 */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

function errorHandler(isStarted: () => boolean): ErrorHandler {
  let crashes: number[] = [];
  return {
    error: (_error, _message, count) =>
      isStarted() && (count ?? 0) <= 3
        ? { action: ErrorAction.Continue, handled: true }
        : { action: ErrorAction.Shutdown, handled: !isStarted() },
    closed: () => {
      if (!isStarted()) return { action: CloseAction.DoNotRestart, handled: true };
      const now = Date.now();
      crashes = [...crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
      if (crashes.length < MAX_CRASHES) {
        output?.warn(`the server stopped unexpectedly; restarting (${crashes.length} in the last 3 minutes)`);
        return { action: CloseAction.Restart, handled: true };
      }
      return {
        action: CloseAction.DoNotRestart,
        message:
          `The svc language server stopped ${MAX_CRASHES} times in 3 minutes and was not restarted. ` +
          "See the svc Language Server output, then run 'svc: Restart Language Server'.",
      };
    },
  };
}

/**
 * Finds the executable `svc.path` names: a bare name is searched on PATH,
 * a relative path is taken from the first workspace folder, `~` is home.
 * Checking first gives one clear message instead of the client's generic
 * "Couldn't start client" when svc is simply not installed.
 */
export function resolveCommand(configured: string): { path?: string; reason: string } {
  let candidate = configured;
  if (candidate === "~" || candidate.startsWith("~/") || candidate.startsWith("~\\")) {
    candidate = path.join(os.homedir(), candidate.slice(1));
  }
  const exts =
    process.platform === "win32"
      ? ["", ...(process.env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter(Boolean)]
      : [""];
  const isExecutable = (file: string): boolean => {
    try {
      if (!fs.statSync(file).isFile()) return false;
      fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const firstIn = (base: string): string | undefined =>
    exts.map((ext) => base + ext).find(isExecutable);

  if (candidate.includes("/") || candidate.includes("\\")) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const absolute = path.isAbsolute(candidate) ? candidate : path.resolve(folder ?? process.cwd(), candidate);
    const found = firstIn(absolute);
    return found
      ? { path: found, reason: "" }
      : { reason: `${absolute} does not exist or is not executable` };
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const found = firstIn(path.join(dir, candidate));
    if (found) return { path: found, reason: "" };
  }
  return { reason: `"${candidate}" was not found on PATH` };
}

async function reportStartFailure(reason: string): Promise<void> {
  output?.error(`cannot start the svc language server: ${reason}`);
  const openSettings = "Open settings";
  const showOutput = "Show output";
  const choice = await vscode.window.showErrorMessage(
    `svc: cannot start the language server: ${reason}. ` +
      "Install svc (`cargo install --path cli` from the svc repository) or set `svc.path` to the svc executable. " +
      "Highlighting and snippets keep working without it.",
    openSettings,
    showOutput,
  );
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "svc.path");
  } else if (choice === showOutput) {
    output?.show(true);
  }
}
