-- Drives `svc lsp` from headless Neovim 0.7, a real LSP client, for
-- cli/tests/lsp_neovim.rs. Run as
--
--   nvim --headless -u NONE -i NONE -n -c 'luafile tests/lsp/neovim.lua' -- service.svc
--
-- with the environment:
--   SVC_BIN             the svc binary (started as `svc lsp`)
--   SVC_NVIM_OUT        where to write what the client got, as JSON
--   SVC_NVIM_FIXED      a file holding the fixed text of the service
--   SVC_NVIM_HOVER      "line:character" (0-based, UTF-16) of the hover
--   SVC_NVIM_COMPLETE   "line:character" of the completion
--   SVC_NVIM_TIMEOUT_MS how long to wait for each answer (default 10000)
--
-- It opens the file, waits for textDocument/publishDiagnostics, asks for a
-- hover and a completion with vim.lsp.buf_request_sync, replaces the
-- buffer with the fixed text, waits for the diagnostics to clear, stops
-- the server and writes everything to SVC_NVIM_OUT. It exits 0 when it
-- got that far; on a failure it still writes the JSON, with `error` set,
-- and exits non-zero (`cquit`).

local out_path = os.getenv("SVC_NVIM_OUT")
local timeout = tonumber(os.getenv("SVC_NVIM_TIMEOUT_MS") or "10000")
local result = { steps = {}, publications = {} }

local function write_result()
  local file = io.open(out_path, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function step(name)
  table.insert(result.steps, name)
end

local function position(variable)
  local line, character = (os.getenv(variable) or ""):match("^(%d+):(%d+)$")
  assert(line, variable .. " must be line:character")
  return { line = tonumber(line), character = tonumber(character) }
end

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    table.insert(lines, line)
  end
  return lines
end

-- The one answer of the svc client to a request, or an error.
local function request(client_id, method, params)
  local answers, err = vim.lsp.buf_request_sync(0, method, params, timeout)
  assert(answers, method .. ": no answer within " .. timeout .. " ms (" .. tostring(err) .. ")")
  local answer = answers[client_id]
  assert(answer, method .. ": no answer from the svc client")
  assert(not answer.error, method .. " failed: " .. vim.inspect(answer.error))
  return answer.result
end

local function main()
  local file = vim.api.nvim_buf_get_name(0)
  assert(file ~= "", "no file given (pass it after --)")
  vim.bo.filetype = "svc"

  local exited = nil
  local client_id = vim.lsp.start_client({
    name = "svc",
    cmd = { os.getenv("SVC_BIN"), "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
    flags = { debounce_text_changes = 0 },
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
        local codes = {}
        for _, diagnostic in ipairs(params.diagnostics) do
          table.insert(codes, diagnostic.code or vim.NIL)
        end
        table.insert(result.publications, {
          version = params.version or vim.NIL,
          count = #params.diagnostics,
          codes = codes,
          messages = vim.tbl_map(function(d) return d.message end, params.diagnostics),
        })
        vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
  })
  assert(client_id, "vim.lsp.start_client did not start svc lsp")
  assert(vim.lsp.buf_attach_client(0, client_id), "could not attach the client to the buffer")
  step("started")

  local initialized = vim.wait(timeout, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return exited ~= nil or (client ~= nil and client.initialized)
  end, 10)
  assert(initialized and not exited, "the server did not initialize: " .. vim.inspect(exited))
  local capabilities = vim.lsp.get_client_by_id(client_id).server_capabilities
  result.capabilities = {
    hover = capabilities.hoverProvider or false,
    completion = capabilities.completionProvider ~= nil,
    rename = capabilities.renameProvider ~= nil,
  }
  step("initialized")

  assert(vim.wait(timeout, function() return #result.publications > 0 end, 10),
    "no textDocument/publishDiagnostics within " .. timeout .. " ms")
  result.first = result.publications[1]
  step("diagnostics")

  local uri = vim.uri_from_bufnr(0)
  local hover = request(client_id, "textDocument/hover",
    { textDocument = { uri = uri }, position = position("SVC_NVIM_HOVER") })
  result.hover = hover and hover.contents and hover.contents.value or vim.NIL
  step("hover")

  local completion = request(client_id, "textDocument/completion", {
    textDocument = { uri = uri },
    position = position("SVC_NVIM_COMPLETE"),
    context = { triggerKind = 1 },
  })
  local items = completion and (completion.items or completion) or {}
  result.completion = vim.tbl_map(function(item) return item.label end, items)
  step("completion")

  local before = #result.publications
  vim.api.nvim_buf_set_lines(0, 0, -1, false, read_lines(os.getenv("SVC_NVIM_FIXED")))
  assert(vim.wait(timeout, function()
    local last = result.publications[#result.publications]
    return #result.publications > before and last.count == 0
  end, 10), "the diagnostics did not clear within " .. timeout .. " ms after the fix")
  result.final = result.publications[#result.publications]
  step("fixed")

  vim.lsp.stop_client(client_id)
  vim.wait(timeout, function() return exited ~= nil end, 10)
  result.exit = exited or vim.NIL
  step("stopped")
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  result.error = tostring(err)
  write_result()
  vim.cmd("cquit 3")
end
write_result()
vim.cmd("qa!")
