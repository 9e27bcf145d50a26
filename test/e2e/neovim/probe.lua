-- A second, independent LSP client for the language server: headless Neovim 0.7
-- (Debian's; it has vim.lsp.start_client but not vim.lsp.start or `nvim -l`).
--
--   PROBE_CONFIG=/tmp/probe.json nvim --headless --clean -u NONE -c 'luafile test/e2e/neovim/probe.lua'
--
-- The config (JSON) names the server command, the file, the display language and
-- the positions to ask about:
--   { "cmd": ["node", "dist/server.js", "--stdio"], "file": "/abs/Dockerfile", "lang": "en",
--     "timeoutMs": 10000,
--     "hovers":  [ { "line": 3, "character": 1 } ],                         -- 0-based
--     "actions": [ { "line": 4, "character": 1, "only": ["quickfix"] } ] }  -- "only" is optional
-- It prints one JSON object per line on stdout:
--   {"kind":"diagnostics","items":[…]}  {"kind":"hover","index":0,"markdown":"…"}
--   {"kind":"actions","index":0,"items":[{"title":…,"kind":…,"edit":…}]}  {"kind":"done"}
-- and exits 0, or prints {"kind":"error","message":…} and exits 1.

local function emit(obj)
  io.stdout:write(vim.fn.json_encode(obj) .. '\n')
  io.stdout:flush()
end

local function fail(msg)
  emit({ kind = 'error', message = tostring(msg) })
  vim.cmd('cquit 1')
end

local function main()
  local path = os.getenv('PROBE_CONFIG')
  if not path then return fail('PROBE_CONFIG is not set') end
  local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(path), '\n'))
  local timeout = cfg.timeoutMs or 10000

  local published = nil
  local exited = false
  local settings = { language = cfg.lang, registry = { enabled = false } }
  local client_id = vim.lsp.start_client({
    name = 'dockerfile-lecture-hints',
    cmd = cfg.cmd,
    root_dir = vim.fn.fnamemodify(cfg.file, ':h'),
    init_options = { locale = cfg.lang, settings = settings },
    -- Answers the server's workspace/configuration requests.
    settings = { dockerfileLectureHints = settings },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        if result and vim.uri_to_fname(result.uri) == cfg.file then published = result.diagnostics end
      end,
    },
    on_exit = function() exited = true end,
  })
  if not client_id then return fail('vim.lsp.start_client failed') end

  vim.cmd('edit ' .. vim.fn.fnameescape(cfg.file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'dockerfile'
  vim.lsp.buf_attach_client(buf, client_id)

  local ok = vim.wait(timeout, function() return published ~= nil or exited end, 20)
  if not ok or published == nil then return fail('no textDocument/publishDiagnostics within ' .. timeout .. ' ms') end
  emit({ kind = 'diagnostics', items = published })

  local uri = vim.uri_from_bufnr(buf)
  local function request(method, params)
    local responses, err = vim.lsp.buf_request_sync(buf, method, params, timeout)
    if not responses then error(method .. ' failed: ' .. tostring(err)) end
    local r = responses[client_id]
    if not r then error(method .. ': no answer from the server') end
    if r.err then error(method .. ': ' .. vim.inspect(r.err)) end
    return r.result
  end

  for i, pos in ipairs(cfg.hovers or {}) do
    local result = request('textDocument/hover', { textDocument = { uri = uri }, position = pos })
    local md = vim.NIL
    if result and result ~= vim.NIL and result.contents then
      md = type(result.contents) == 'table' and (result.contents.value or result.contents[1]) or result.contents
    end
    emit({ kind = 'hover', index = i - 1, markdown = md })
  end

  for i, a in ipairs(cfg.actions or {}) do
    local range = { start = { line = a.line, character = a.character }, ['end'] = { line = a.line, character = a.character } }
    if a.wholeDocument then
      range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } }
    end
    local diags = {}
    for _, d in ipairs(published) do
      if d.range.start.line <= range['end'].line and d.range['end'].line >= range.start.line then table.insert(diags, d) end
    end
    local context = { diagnostics = diags }
    if a.only then context.only = a.only end
    local result = request('textDocument/codeAction', { textDocument = { uri = uri }, range = range, context = context })
    local items = {}
    for _, x in ipairs(result == vim.NIL and {} or (result or {})) do
      table.insert(items, { title = x.title, kind = x.kind or vim.NIL, edit = x.edit or vim.NIL, command = x.command or vim.NIL })
    end
    emit({ kind = 'actions', index = i - 1, items = items })
  end

  emit({ kind = 'done', uri = uri })
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return exited end, 20)
  vim.cmd('qall!')
end

local ok, err = pcall(main)
if not ok then fail(err) end
