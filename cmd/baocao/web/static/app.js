// The form of "baocao serve": the report's fields showing what will print, rows to add and remove
// (with undo), the checks shown next to their fields, preview, printing and downloads. What is
// typed is kept in the browser (localStorage) as it is typed. Everything comes from this server.
"use strict";

const form = document.getElementById("bieu-mau");
// A request unanswered after this long, in milliseconds, counts as a lost connection. (A variable,
// so that the end-to-end test of a timeout need not wait this long.)
let requestTimeout = 30000;
// How long a deleted row can be brought back.
const UNDO_MS = 20000;
// Where the form is kept in the browser, and the version of what is kept there.
const STORE_KEY = "baocao.bieu-mau";
const STORE_VERSION = 1;
const NO_CONNECTION = "Không kết nối được với chương trình baocao";
const WHAT_TO_DO = "Hãy mở lại chương trình baocao (bấm đúp baocao.exe) rồi bấm lại; những gì đã điền vẫn được giữ trong trình duyệt.";

// The lists of rows: the word a row is called by, and its fields.
const LISTS = {
  mo_hinh: { word: "mô hình", fields: ["ten", "loai", "don_vi"] },
  guong: { word: "gương điển hình", fields: ["ho_ten", "chuc_vu", "don_vi"] },
};
// Fields where the contract's null means "left to its default" and "" means "none".
const NULLABLE = ["co_quan.cap_tren", "ky.quyen"];

let kinds = [];       // GET /api/loai
let defaults = null;  // GET /api/mac-dinh: the values each cell type prints where a field is empty
let dirty = false;    // changed since the last download or save
let busy = false;     // an action is running
let seq = 0;          // ids of rows and messages
let undo = null;      // the last deleted row: {row, placeholder, list, timer}
let shownType = "chi-bo";
let checkSeq = 0;     // the newest check; older answers of a background check are dropped
let liveTimer = 0;
let storageWarned = false;

// --- Requests -----------------------------------------------------------------------------------

// body is the form as the server reads it. A field still showing its cell type's default is left
// out, as a file leaves it out: the saved file then keeps "the default" (and follows the type)
// rather than spelling it out. A plan's code alone is not a plan: while the plan has neither
// number nor date, its code is not sent either.
function body() {
  const data = new FormData(form);
  const type = cellType();
  for (const [name, value] of Array.from(data.entries())) {
    if (typeof value === "string" && defaultOf(type, name) !== undefined && typed(name, value) === defaultOf(type, name)) data.delete(name);
  }
  if (!(data.get("ke_hoach.so") || "").trim() && !(data.get("ke_hoach.ngay") || "").trim()) data.delete("ke_hoach.ky_hieu");
  return new URLSearchParams(data);
}

// typed is a value as the server reads it: trimmed, and for the recipients one per line.
function typed(name, value) {
  if (name === "noi_nhan") return value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join("\n");
  return value.trim();
}

// failureText says that the server could not be reached, and what to do.
function failureText(r) {
  return NO_CONNECTION + (r.timeout ? " (quá " + requestTimeout / 1000 + " giây không trả lời)" : "") + ". " + WHAT_TO_DO;
}

// showFailure shows why a request failed: the server's own words, or the lost connection.
function showFailure(r) {
  if (r.data) {
    showProblems(r.data, "full");
    focusFirstError();
  } else {
    showGeneral([failureText(r)]);
    status(failureText(r));
  }
}

// --- Fields and values --------------------------------------------------------------------------

// scalarFields are the form's fields outside the lists of rows.
function scalarFields() {
  return Array.from(form.elements).filter((el) => el.name && !el.closest(".dong"));
}

// rows are a list's rows, in order (placeholders of deleted rows left out).
function rows(list) {
  return Array.from(document.getElementById(list).querySelectorAll(":scope > .dong"));
}

// valueAt reads a dotted field name in a form of the contract: "can_cu.so".
function valueAt(obj, name) {
  return name.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

// setValue sets a field; a select given a value it does not list shows it as not in the list, so
// that the check can say so and nothing is silently changed.
function setValue(el, value) {
  if (el.type === "checkbox") {
    el.checked = Boolean(value);
    return;
  }
  value = value == null ? "" : String(value);
  if (el.tagName === "SELECT" && value !== "" && !Array.from(el.options).some((o) => o.value === value)) {
    el.add(new Option(value + " (không có trong danh sách)", value));
  }
  el.value = value;
}

// cellType is the chosen cell type, "chi-bo" or "dang-bo".
function cellType() {
  return form.elements.namedItem("co_quan.loai").value === "dang-bo" ? "dang-bo" : "chi-bo";
}

// snapshot is the whole form as the page holds it, rows included.
function snapshot() {
  const fields = {};
  for (const el of scalarFields()) fields[el.name] = el.type === "checkbox" ? el.checked : el.value;
  const snap = { fields };
  for (const [list, spec] of Object.entries(LISTS)) {
    snap[list] = rows(list).map((row) => {
      const item = {};
      for (const f of spec.fields) item[f] = row.querySelector(`[name="${list}.${f}"]`).value;
      return item;
    });
  }
  return snap;
}

// defaultOf is what a field prints for a cell type when left empty, or undefined.
function defaultOf(type, name) {
  if (!defaults || !defaults[type] || name === "co_quan.loai") return undefined;
  const v = valueAt(defaults[type], name);
  if (Array.isArray(v)) return v.length ? v.join("\n") : undefined;
  return v === "" || v == null || typeof v === "boolean" ? undefined : String(v);
}

// snapshotOf turns a form of the contract (an opened file, or nothing for a new report) into what
// the page shows: every field left to its default shows the default, so the page shows what will
// print.
function snapshotOf(f) {
  const type = valueAt(f, "co_quan.loai") === "dang-bo" ? "dang-bo" : "chi-bo";
  const fields = {};
  for (const el of scalarFields()) {
    let v = valueAt(f, el.name);
    if (Array.isArray(v)) v = v.join("\n");
    const empty = NULLABLE.includes(el.name) ? v == null : v == null || v === "";
    if (empty && defaultOf(type, el.name) !== undefined) v = defaultOf(type, el.name);
    fields[el.name] = el.type === "checkbox" ? Boolean(v) : v == null ? "" : String(v);
  }
  const snap = { fields };
  for (const [list, spec] of Object.entries(LISTS)) {
    snap[list] = (valueAt(f, list) || []).map((item) => {
      const out = {};
      for (const k of spec.fields) out[k] = item && item[k] != null ? String(item[k]) : "";
      return out;
    });
  }
  return snap;
}

// freshSnapshot is a new report.
function freshSnapshot() {
  return snapshotOf({ co_quan: { loai: "chi-bo" } });
}

// pristine tells whether the form holds nothing but a new report.
function pristine() {
  return JSON.stringify(snapshot()) === JSON.stringify(freshSnapshot());
}

// restore shows a snapshot in the page.
function restore(snap) {
  discardUndo();
  for (const el of scalarFields()) setValue(el, snap.fields[el.name]);
  shownType = cellType();
  followType(null);
  for (const list of Object.keys(LISTS)) {
    document.getElementById(list).replaceChildren();
    for (const item of snap[list] || []) addRow(list, item);
  }
}

// labelOf names a field as its label does, with its row: "Mô hình 2, Tên mô hình".
function labelOf(el) {
  let label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  label = label.replace(/\s*\(.*\)/, "").replace(/\s*\*\s*/g, " ").trim();
  const row = el.closest(".dong");
  return row ? row.querySelector(".ten-dong").textContent + ", " + label.toLowerCase() : label;
}

// --- Keeping what was typed ---------------------------------------------------------------------

// persist keeps the form in the browser.
function persist() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ v: STORE_VERSION, at: new Date().toISOString(), dirty, snap: snapshot() }));
  } catch (e) {
    if (!storageWarned) {
      storageWarned = true;
      notice("Trình duyệt này không cho giữ tạm những gì đã điền. Hãy bấm \"Lưu để làm tiếp\" thường xuyên để khỏi mất công.");
    }
  }
}

// changed records a change: kept in the browser at once, and not yet downloaded.
function changed() {
  dirty = true;
  persist();
}

// stored is what the browser kept, or null.
function stored() {
  try {
    const kept = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
    if (kept && kept.v === STORE_VERSION && kept.snap && kept.snap.fields) return kept;
  } catch (e) {
    // Unreadable: start afresh.
  }
  return null;
}

// when writes a moment as Vietnamese write it: "14:05 ngày 12/4/2021".
function when(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return "";
  const two = (n) => String(n).padStart(2, "0");
  return `${two(d.getHours())}:${two(d.getMinutes())} ngày ${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
}

// --- Messages -----------------------------------------------------------------------------------

// notice shows a message at the top of the page until closed or replaced.
function notice(text) {
  const box = document.getElementById("thong-bao");
  const p = document.createElement("p");
  p.textContent = text;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "phu";
  close.textContent = "Đóng";
  close.setAttribute("aria-label", "Đóng thông báo");
  close.addEventListener("click", () => box.replaceChildren());
  box.replaceChildren(p, close);
}

// status says, beside the buttons, what the last action did; screen readers read it out.
let statusOfErrors = false; // the status counts errors still shown
function status(text, ofErrors) {
  statusOfErrors = Boolean(ofErrors);
  document.getElementById("ket-qua").textContent = text;
}

// errorsGone says so when the last error counted in the status has been fixed.
function errorsGone() {
  if (statusOfErrors && !form.querySelector(".loi")) status("Đã sửa hết lỗi; có thể xem trước, in hoặc tải về.");
}

// showGeneral shows messages that belong to no field above the buttons.
function showGeneral(messages) {
  const box = document.getElementById("loi-chung");
  box.replaceChildren(...messages.map((m) => {
    const p = document.createElement("p");
    p.className = "loi";
    p.textContent = m;
    return p;
  }));
  box.hidden = messages.length === 0;
  if (messages.length) box.scrollIntoView({ block: "nearest" });
}

// --- Problems beside their fields ---------------------------------------------------------------

// fieldFor finds the control a problem's key names: "co_quan.ten", "mo_hinh[2].loai",
// "noi_nhan[1]", "ke_hoach" (its first field), "mo_hinh" (its add button).
function fieldFor(key) {
  let m = /^(mo_hinh|guong)\[(\d+)\](?:\.(\w+))?/.exec(key);
  if (m) {
    const row = rows(m[1])[Number(m[2]) - 1];
    if (!row) return null;
    return (m[3] && row.querySelector(`[name="${m[1]}.${m[3]}"]`)) || row.querySelector("input, select");
  }
  if (LISTS[key]) return form.querySelector(`[data-them="${key}"]`);
  const name = key.replace(/\[\d+\]$/, "");
  const el = form.elements.namedItem(name);
  if (el && el.name) return el;
  return scalarFields().find((f) => f.name.startsWith(name + ".")) || null;
}

// describe ties a message to its field, or unties it.
function describe(field, id, tie) {
  const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
  if (tie) ids.push(id);
  if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
  else field.removeAttribute("aria-describedby");
}

// addProblem puts one error or warning next to its field, or above the buttons.
function addProblem(p, cls) {
  const msg = document.createElement("p");
  msg.className = cls;
  msg.id = "tb-" + ++seq;
  msg.textContent = p.message;
  const field = p.key ? fieldFor(p.key) : null;
  if (!field) {
    const box = document.getElementById(cls === "loi" ? "loi-chung" : "canh-bao");
    box.hidden = false;
    box.appendChild(msg);
    return msg;
  }
  msg.dataset.for = field.id;
  const holder = field.closest(".o");
  if (holder) holder.appendChild(msg);
  else field.insertAdjacentElement("afterend", msg);
  describe(field, msg.id, true);
  if (cls === "loi" && field.tagName !== "BUTTON") field.setAttribute("aria-invalid", "true");
  return msg;
}

// removeProblem takes one message away, and the field's mark when it was its last error.
function removeProblem(msg) {
  const field = msg.dataset.for ? document.getElementById(msg.dataset.for) : null;
  msg.remove();
  if (!field) return;
  describe(field, msg.id, false);
  if (!form.querySelector(`.loi[data-for="${field.id}"]`)) field.removeAttribute("aria-invalid");
}

// showProblems shows a check's problems. "full" replaces every message; "live" (a check in the
// background while typing) replaces the warnings and only takes away errors that are fixed.
function showProblems(res, mode) {
  const errors = res.errors || [];
  const warnings = res.warnings || [];
  const before = new Set(Array.from(form.querySelectorAll(".canh-bao-o")).map((m) => (m.dataset.for || "") + "|" + m.textContent));
  form.querySelectorAll(".canh-bao-o").forEach(removeProblem);
  if (mode === "full") {
    form.querySelectorAll(".loi").forEach(removeProblem);
    errors.forEach((p) => addProblem(p, "loi"));
  } else {
    const still = new Set(errors.map((p) => ((p.key && fieldFor(p.key)) || { id: "" }).id + "|" + p.message));
    form.querySelectorAll(".loi[data-for]").forEach((m) => {
      if (!still.has(m.dataset.for + "|" + m.textContent)) removeProblem(m);
    });
  }
  for (const id of ["loi-chung", "canh-bao"]) {
    const box = document.getElementById(id);
    box.hidden = box.children.length === 0;
  }
  const fresh = warnings.map((p) => addProblem(p, "canh-bao-o")).filter((m) => !before.has((m.dataset.for || "") + "|" + m.textContent));
  errorsGone();
  if (mode === "live" && fresh.length) {
    const f = fresh[0].dataset.for ? document.getElementById(fresh[0].dataset.for) : null;
    status("Lưu ý" + (f ? " ở ô " + labelOf(f) : "") + ": " + fresh[0].textContent);
  }
  return errors.length === 0;
}

// focusFirstError brings the first error into view: opens the sections that hold errors, scrolls
// to the first, focuses its field, and says how many there are.
function focusFirstError() {
  const errors = Array.from(form.querySelectorAll(".loi"));
  if (!errors.length) return false;
  for (const msg of errors) {
    for (let d = msg.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  }
  const first = errors[0];
  const target = (first.dataset.for && document.getElementById(first.dataset.for)) || document.getElementById("loi-chung");
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
  const where = first.dataset.for ? "ô " + labelOf(target) + ": " : "";
  status(`Còn ${errors.length} lỗi cần sửa (chữ đỏ cạnh từng ô); chưa tạo văn bản. Lỗi đầu tiên, ${where}${first.textContent}`, true);
  return true;
}

// applyCleaned puts into the fields the text as it will print (converted from TCVN3 or VNI,
// invisible characters removed), where it differs from what was sent and was not typed over
// since. It gives the names of the fields it changed.
function applyCleaned(sent, params, f) {
  if (!f) return [];
  const fixed = [];
  const consider = (el, was, now) => {
    if (!el || now == null || typeof was !== "string" || el.value !== was) return;
    if (Array.isArray(now)) now = now.join("\n");
    now = String(now);
    const read = typed(el.name, was);
    if (read === now.trim()) return;
    if (/^\d+$/.test(read) && /^\d+$/.test(now) && Number(read) === Number(now)) return;
    el.value = now;
    fixed.push(labelOf(el));
  };
  for (const el of scalarFields()) {
    // A field not sent (its default) comes back empty: nothing to clean.
    if (el.tagName !== "SELECT" && el.type !== "checkbox" && params.has(el.name)) consider(el, sent.fields[el.name], valueAt(f, el.name));
  }
  for (const [list, spec] of Object.entries(LISTS)) {
    const now = rows(list);
    const items = f[list] || [];
    if (now.length !== sent[list].length) continue;
    now.forEach((row, i) => {
      for (const k of spec.fields) {
        const el = row.querySelector(`[name="${list}.${k}"]`);
        if (el.tagName !== "SELECT") consider(el, sent[list][i][k], items[i] ? items[i][k] : null);
      }
    });
  }
  if (fixed.length) {
    changed();
    status("Đã sửa chữ trong " + fixed.length + " ô cho đúng như sẽ in (xem ghi chú cạnh ô): " + fixed.join("; ") + ".");
  }
  return fixed;
}

// check asks the server for the form's problems and the form as it will print. "full" shows
// every problem (and a failure); "live" only updates what is shown. It gives the answer, or null.
async function check(mode) {
  const mine = ++checkSeq;
  const sent = snapshot();
  const params = body();
  const r = await request("/api/kiem-tra", params);
  if (mode === "live" && mine !== checkSeq) return null;
  if (!r.ok) {
    if (mode === "full") showFailure(r);
    return null;
  }
  showProblems(r.data, mode);
  applyCleaned(sent, params, r.data.form);
  return r.data;
}

// recheck runs a background check shortly after a change.
function recheck() {
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => { if (!busy) check("live"); }, 300);
}

// --- Cell type, sector, model kinds -------------------------------------------------------------

// followType makes labels follow the cell type, and fields still holding the previous type's
// default take the new type's (BC/CB and BC/ĐB, T/M BAN CHI ỦY and T/M ĐẢNG ỦY, "Lưu Chi bộ"…).
function followType(previous) {
  const type = cellType();
  const key = type === "dang-bo" ? "dangBo" : "chiBo";
  document.querySelectorAll("span.theo-loai").forEach((s) => { s.textContent = s.dataset[key]; });
  document.querySelectorAll("input[data-chi-bo]").forEach((el) => { el.placeholder = el.dataset[key]; });
  if (!previous || previous === type) return;
  for (const el of scalarFields()) {
    const from = defaultOf(previous, el.name);
    const to = defaultOf(type, el.name);
    if (from === undefined || to === undefined) continue;
    if (el.name === "noi_nhan") {
      const fromLines = from.split("\n");
      const toLines = to.split("\n");
      el.value = el.value.split("\n").map((line) => {
        const i = fromLines.indexOf(line.trim());
        return i >= 0 && toLines[i] !== undefined ? toLines[i] : line;
      }).join("\n");
    } else if (el.value.trim() === from) {
      el.value = to;
    }
  }
}

// sectorName is a khối in words: "cơ quan".
function sectorName(code) {
  const opt = Array.from(form.elements.namedItem("co_quan.khoi").options).find((o) => o.value === code);
  return opt ? opt.textContent.toLowerCase() : code;
}

// fillKinds lists the model kinds in a row's menu: "— chọn loại —" first, then the kinds meant for
// the cell's khối, then the others; the chosen kind stays chosen.
function fillKinds(select, value) {
  const khoi = form.elements.namedItem("co_quan.khoi").value;
  const chosen = value === undefined ? select.value : value;
  select.replaceChildren(new Option("— chọn loại —", ""));
  if (khoi) {
    const mine = document.createElement("optgroup");
    mine.label = "Dành cho khối " + sectorName(khoi);
    const others = document.createElement("optgroup");
    others.label = "Các loại khác";
    for (const k of kinds) (k.khoi.length === 0 || k.khoi.includes(khoi) ? mine : others).append(new Option(k.name, k.code));
    select.append(mine);
    if (others.children.length) select.append(others);
  } else {
    for (const k of kinds) select.add(new Option(k.name, k.code));
  }
  setValue(select, chosen);
}

// --- Rows ---------------------------------------------------------------------------------------

// numberRows names a list's rows by their place: "Mô hình 2", and its button "Xóa mô hình 2".
function numberRows(list) {
  const word = LISTS[list].word;
  rows(list).forEach((row, i) => {
    row.querySelector(".ten-dong").textContent = word[0].toUpperCase() + word.slice(1) + " " + (i + 1);
    row.querySelector(".xoa").setAttribute("aria-label", "Xóa " + word + " " + (i + 1));
  });
}

// addRow adds a row to a list, filled with values when given.
function addRow(list, values) {
  const row = document.getElementById("mau-" + list).content.firstElementChild.cloneNode(true);
  const n = ++seq;
  const title = row.querySelector(".ten-dong");
  title.id = "dong-" + n;
  row.setAttribute("aria-labelledby", title.id);
  row.querySelectorAll(".o").forEach((holder) => {
    const el = holder.querySelector("input, select");
    el.id = "dong-" + n + "-" + el.name.split(".")[1];
    holder.querySelector("label").htmlFor = el.id;
  });
  row.querySelectorAll('select[name="mo_hinh.loai"]').forEach((sel) => fillKinds(sel, ""));
  for (const k of LISTS[list].fields) {
    setValue(row.querySelector(`[name="${list}.${k}"]`), values ? values[k] : "");
  }
  row.querySelector(".xoa").addEventListener("click", () => deleteRow(list, row));
  document.getElementById(list).appendChild(row);
  numberRows(list);
  return row;
}

// deleteRow takes a row away, leaving in its place a notice with a button that brings it back.
function deleteRow(list, row) {
  discardUndo();
  const word = LISTS[list].word;
  const n = rows(list).indexOf(row) + 1;
  const first = row.querySelector("input").value.trim();
  const placeholder = document.getElementById("mau-da-xoa").content.firstElementChild.cloneNode(true);
  const text = placeholder.querySelector(".noi-dung");
  text.id = "da-xoa-" + ++seq;
  text.textContent = `Đã xóa ${word} ${n}${first ? " (" + first + ")" : ""}.`;
  const button = placeholder.querySelector(".hoan-tac");
  button.setAttribute("aria-describedby", text.id);
  button.addEventListener("click", undoDelete);
  row.replaceWith(placeholder);
  numberRows(list);
  undo = { row, placeholder, list, timer: setTimeout(expireUndo, UNDO_MS) };
  button.focus();
  status(`Đã xóa ${word} ${n}. Bấm "Hoàn tác" để lấy lại.`);
  staleView();
  changed();
  recheck();
}

// undoDelete puts the deleted row back where it was.
function undoDelete() {
  if (!undo) return;
  const { row, placeholder, list } = undo;
  clearTimeout(undo.timer);
  undo = null;
  placeholder.replaceWith(row);
  numberRows(list);
  row.querySelector("input").focus();
  status("Đã lấy lại " + row.querySelector(".ten-dong").textContent.toLowerCase() + ".");
  staleView();
  changed();
  recheck();
}

// expireUndo ends the time to undo; the notice waits until the keyboard has left it.
function expireUndo() {
  if (!undo) return;
  const { placeholder } = undo;
  if (placeholder.contains(document.activeElement)) {
    placeholder.addEventListener("focusout", () => { if (undo && undo.placeholder === placeholder) discardUndo(); }, { once: true });
    return;
  }
  discardUndo();
}

// discardUndo makes the last deletion final.
function discardUndo() {
  if (!undo) return;
  clearTimeout(undo.timer);
  undo.placeholder.remove();
  undo = null;
}

// --- Actions ------------------------------------------------------------------------------------

// showPreview shows a PDF in the page.
function showPreview(blob) {
  const frame = document.getElementById("khung");
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.src = URL.createObjectURL(blob);
  document.getElementById("xem-truoc").hidden = false;
  document.getElementById("xem-cu").hidden = true;
  return frame;
}

function hidePreview() {
  const frame = document.getElementById("khung");
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.removeAttribute("src");
  document.getElementById("xem-truoc").hidden = true;
}

// staleView says so when the preview no longer shows the form.
function staleView() {
  if (!document.getElementById("xem-truoc").hidden) document.getElementById("xem-cu").hidden = false;
}

// saved records a download: nothing is left unsaved.
function saved(name, what) {
  dirty = false;
  persist();
  status(`Đã tải ${what} về máy: ${name} (trong thư mục Tải về của trình duyệt).`);
}

// The actions of the buttons: where the form goes, whether it must be free of errors first, what
// to say meanwhile, and what to do with the answer.
const ACTIONS = {
  xem: {
    url: "/api/pdf", check: true, doing: "Đang tạo bản xem trước…",
    done(r) {
      showPreview(r.blob).scrollIntoView({ block: "start" });
      status("Bản xem trước ở ngay dưới các nút.");
    },
  },
  // Printing prints the report itself: its PDF, loaded in the preview frame, printed from there.
  in: {
    url: "/api/pdf", check: true, doing: "Đang chuẩn bị bản in…",
    done(r) {
      const frame = showPreview(r.blob);
      frame.addEventListener("load", () => {
        try {
          frame.contentWindow.focus();
          frame.contentWindow.print();
        } catch (e) {
          window.open(frame.src, "_blank");
        }
      }, { once: true });
      status("Đã mở hộp in của bản báo cáo. Nếu không thấy hộp in, bấm vào bản xem trước ở dưới rồi nhấn Ctrl+P.");
    },
  },
  "tai-pdf": { url: "/api/pdf?tai=1", check: true, doing: "Đang tạo bản PDF…", done: (r) => saved(download(r.res, r.blob, "bao-cao"), "bản PDF") },
  "tai-docx": { url: "/api/docx?tai=1", check: true, doing: "Đang tạo bản Word…", done: (r) => saved(download(r.res, r.blob, "bao-cao"), "bản Word") },
  luu: {
    url: "/api/yaml", check: false, doing: "Đang lưu…",
    done(r) {
      const name = download(r.res, r.blob, "bao-cao");
      saved(name, "tệp để làm tiếp");
      status(`Đã lưu tệp ${name} (trong thư mục Tải về của trình duyệt). Lần sau bấm "Mở bản đã lưu" và chọn tệp này để làm tiếp.`);
    },
  },
};

// act runs a button's action; one at a time.
async function act(id) {
  if (busy) return;
  const a = ACTIONS[id];
  busy = true;
  form.setAttribute("aria-busy", "true");
  showGeneral([]);
  status(a.doing);
  try {
    if (a.check) {
      const res = await check("full");
      if (!res) return;
      if (res.errors.length) {
        focusFirstError();
        return;
      }
    }
    const r = await request(a.url, body());
    if (!r.ok) {
      showFailure(r);
      return;
    }
    if (!r.blob) {
      showFailure({ failed: true });
      return;
    }
    a.done(r);
  } finally {
    busy = false;
    form.removeAttribute("aria-busy");
  }
}

// openFile opens a saved report: the server reads the file's bytes as the command line does (any
// encoding). A file it refuses leaves the form exactly as it was; a filled form is replaced only
// after asking.
async function openFile(file) {
  if (busy) return;
  busy = true;
  showGeneral([]);
  status(`Đang mở tệp ${file.name}…`);
  try {
    const r = await request("/api/mo", file);
    if (!r.ok && !r.data) {
      showFailure(r);
      return;
    }
    const res = r.data;
    if (!res.form) {
      const why = `Không mở được tệp "${file.name}"; biểu mẫu vẫn giữ nguyên những gì đang điền.`;
      showGeneral([why, ...res.errors.map((p) => p.message)]);
      status(why + " " + res.errors.map((p) => p.message).join(" "));
      return;
    }
    if (!pristine() && !confirm(`Mở tệp "${file.name}" sẽ thay toàn bộ những gì đang điền trong biểu mẫu bằng nội dung của tệp. Mở tệp?`)) {
      status("Chưa mở tệp; biểu mẫu giữ nguyên.");
      return;
    }
    restore(snapshotOf(res.form));
    hidePreview();
    dirty = false;
    persist();
    showProblems(res, "full");
    const n = res.errors.length;
    notice(`Đã mở tệp "${file.name}".` + (n ? ` Tệp còn ${n} lỗi, ghi bằng chữ đỏ cạnh từng ô.` : ""));
    if (!(n && focusFirstError())) status(`Đã mở tệp "${file.name}".`);
  } finally {
    busy = false;
  }
}

// newReport clears the form for a new report, after asking.
function newReport() {
  if (!pristine()) {
    const lost = dirty ? " Những gì chưa lưu hoặc chưa tải về sẽ mất." : "";
    if (!confirm("Xóa hết những gì đang điền để làm báo cáo mới?" + lost)) return;
  }
  restore(freshSnapshot());
  showProblems({ errors: [], warnings: [] }, "full");
  showGeneral([]);
  hidePreview();
  dirty = false;
  try { localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing kept */ }
  notice("Đã xóa biểu mẫu để làm báo cáo mới.");
  status("");
  form.elements.namedItem("co_quan.ten").focus();
}

// --- Start --------------------------------------------------------------------------------------

function wire() {
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", (e) => {
    if (e.target.type === "file") return;
    // A field being corrected loses its error.
    if (e.target.id) form.querySelectorAll(`.loi[data-for="${e.target.id}"]`).forEach(removeProblem);
    errorsGone();
    staleView();
    changed();
  });
  form.addEventListener("change", (e) => {
    if (e.target.type === "file") return;
    if (e.target.name === "co_quan.loai") {
      followType(shownType);
      shownType = cellType();
    }
    if (e.target.name === "co_quan.khoi") document.querySelectorAll('select[name="mo_hinh.loai"]').forEach((s) => fillKinds(s));
    staleView();
    changed();
    recheck();
  });
  document.querySelectorAll("[data-them]").forEach((b) => b.addEventListener("click", () => {
    const row = addRow(b.dataset.them);
    row.querySelector("input").focus();
    staleView();
    changed();
  }));
  for (const id of Object.keys(ACTIONS)) document.getElementById(id).addEventListener("click", () => act(id));
  const picker = document.getElementById("mo");
  document.getElementById("mo-tep").addEventListener("click", () => picker.click());
  picker.addEventListener("change", () => {
    const file = picker.files[0];
    picker.value = "";
    if (file) openFile(file);
  });
  // A file dropped on the page opens as if chosen, instead of the browser leaving the form for it.
  document.addEventListener("dragover", (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes("Files")) e.preventDefault();
  });
  document.addEventListener("drop", (e) => {
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    openFile(e.dataTransfer.files[0]);
  });
  document.getElementById("moi").addEventListener("click", newReport);
  // Two tabs of the form keep into the same place: the last one typed in wins.
  window.addEventListener("storage", (e) => {
    if (e.key === STORE_KEY) notice("Biểu mẫu này cũng đang được điền ở một thẻ (tab) khác của trình duyệt. Chỉ nên điền ở một thẻ: khi mở lại, chỉ những gì gõ sau cùng còn giữ.");
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty && !pristine()) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
}

async function start() {
  wire();
  const [k, d, about] = await Promise.all([request("/api/loai"), request("/api/mac-dinh"), request("/api/thong-tin")]);
  if (k.ok) kinds = k.data;
  if (d.ok) defaults = d.data;
  if (about.ok) document.getElementById("phien-ban").textContent = "phiên bản " + about.data.phien_ban;
  const failed = [k, d, about].find((r) => !r.ok);
  if (failed) showGeneral([failed.data ? failed.data.errors.map((p) => p.message).join(" ") : failureText(failed)]);
  const kept = stored();
  let restored = false;
  if (kept) {
    try {
      restore(kept.snap);
      restored = !pristine();
      dirty = Boolean(kept.dirty) && restored;
    } catch (e) {
      restored = false;
    }
  }
  if (!restored) restore(freshSnapshot());
  else notice(`Đã khôi phục những gì bạn điền lần trước${kept.at ? " (lúc " + when(kept.at) + ")" : ""}. Muốn làm báo cáo khác từ đầu: bấm "Báo cáo mới".`);
  form.dataset.sanSang = "1";
}

start();
