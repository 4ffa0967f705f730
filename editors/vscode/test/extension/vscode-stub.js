// A stand-in for the `vscode` module, enough for out/extension.js and the
// vscode-languageclient it bundles to activate, start a server over stdio
// and stop it. Everything the test does not model is a "null object": any
// property is a function returning a disposable null object. What the test
// looks at is recorded in `stub.calls`.
'use strict';

const calls = [];
const settings = {};
const record = (name, args) => calls.push({ name, args });

function nullObject() {
  const target = function () {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined; // not a thenable
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'dispose') return () => undefined;
      return nullObject();
    },
    apply: () => nullObject(),
    construct: () => nullObject(),
  });
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && typeof d.dispose === 'function' && d.dispose()));
  }
  dispose() {
    if (this.fn) this.fn();
    this.fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(bound);
      const d = new Disposable(() => this.listeners.delete(bound));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) {
    for (const l of [...this.listeners]) l(e);
  }
  dispose() {
    this.listeners.clear();
  }
}

const configurationChanged = new EventEmitter();
const noEvent = () => new Disposable();

function outputChannel(name) {
  const lines = [];
  const append = (level) => (...args) => lines.push(`${level} ${args.map(String).join(' ')}`);
  return {
    name,
    lines,
    logLevel: 2,
    onDidChangeLogLevel: noEvent,
    append: append(''),
    appendLine: append(''),
    replace: () => undefined,
    clear: () => undefined,
    show: () => record('output.show', [name]),
    hide: () => undefined,
    dispose: () => undefined,
    trace: append('trace'),
    debug: append('debug'),
    info: append('info'),
    warn: append('warn'),
    error: append('error'),
  };
}

const channels = [];
let errorMessageAnswer; // what the "user" clicks in the next error message

const vscode = new Proxy(
  {
    version: '1.91.0',
    env: { appName: 'stub', language: 'en', machineId: 'stub', sessionId: 'stub', uiKind: 1, appRoot: '/' },
    Disposable,
    EventEmitter,
    Uri: {
      file: (p) => ({ scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}` }),
      parse: (s) => ({ scheme: s.split(':')[0], fsPath: s, path: s, toString: () => s }),
    },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    UIKind: { Desktop: 1, Web: 2 },
    window: new Proxy(
      {
        createOutputChannel: (name) => {
          const c = outputChannel(name);
          channels.push(c);
          return c;
        },
        showErrorMessage: (message, ...items) => {
          record('showErrorMessage', [message, ...items]);
          // 'never': the user leaves the notification unanswered.
          return errorMessageAnswer === 'never' ? new Promise(() => {}) : Promise.resolve(errorMessageAnswer);
        },
        showWarningMessage: async (...args) => (record('showWarningMessage', args), undefined),
        showInformationMessage: async (...args) => (record('showInformationMessage', args), undefined),
        visibleTextEditors: [],
        onDidChangeVisibleTextEditors: noEvent,
        onDidChangeActiveTextEditor: noEvent,
        activeTextEditor: undefined,
        tabGroups: { all: [], onDidChangeTabs: noEvent, onDidChangeTabGroups: noEvent },
      },
      { get: (t, p) => (p in t ? t[p] : nullObject()) },
    ),
    workspace: new Proxy(
      {
        workspaceFolders: undefined,
        textDocuments: [],
        notebookDocuments: [],
        getConfiguration: (section) => ({
          get: (key, def) => {
            const full = section ? `${section}.${key}` : key;
            return full in settings ? settings[full] : def;
          },
          has: () => false,
          inspect: () => undefined,
          update: async () => undefined,
        }),
        onDidChangeConfiguration: configurationChanged.event,
        onDidOpenTextDocument: noEvent,
        onDidCloseTextDocument: noEvent,
        onDidChangeTextDocument: noEvent,
        onDidSaveTextDocument: noEvent,
        onWillSaveTextDocument: noEvent,
        onDidChangeWorkspaceFolders: noEvent,
        onDidOpenNotebookDocument: noEvent,
        onDidCloseNotebookDocument: noEvent,
        onDidChangeNotebookDocument: noEvent,
        onDidSaveNotebookDocument: noEvent,
        onDidCreateFiles: noEvent,
        onDidRenameFiles: noEvent,
        onDidDeleteFiles: noEvent,
        onWillCreateFiles: noEvent,
        onWillRenameFiles: noEvent,
        onWillDeleteFiles: noEvent,
      },
      { get: (t, p) => (p in t ? t[p] : nullObject()) },
    ),
    commands: {
      registered: new Map(),
      registerCommand(id, fn) {
        record('registerCommand', [id]);
        this.registered.set(id, fn);
        return new Disposable(() => this.registered.delete(id));
      },
      executeCommand: async (id, ...args) => {
        record('executeCommand', [id, ...args]);
        const fn = vscode.commands.registered.get(id);
        return fn ? fn(...args) : undefined;
      },
      getCommands: async () => [],
    },
  },
  { get: (t, p) => (p in t ? t[p] : nullObject()) },
);

module.exports = {
  vscode,
  calls,
  settings,
  channels,
  answerErrorMessage: (item) => {
    errorMessageAnswer = item;
  },
  changeConfiguration: (key) => configurationChanged.fire({ affectsConfiguration: (k) => k === key }),
};
