// The Board's page of "baocao serve": the files the cells sent, dropped or chosen, are read by
// the server in memory (kept there for this page, under a session id); the list of the cells due
// is pasted or chosen as a file; the table of every cell follows each change; the consolidated
// report is previewed, printed, downloaded (PDF, Word, Excel) or saved to go on later. The fields,
// the due list and the session id are kept in the browser (localStorage); the files themselves
// stay on the server while it runs (they may be too big for the browser's storage).
"use strict";

const form = document.getElementById("tong-hop");
const STORE_KEY = "baocao.tong-hop";
const STORE_VERSION = 1;
// One upload request carries at most this many bytes and files; more go in several requests.
const BATCH_BYTES = 24 << 20; // well within the server's 30 s to read a request, even over a network
const BATCH_FILES = 400;
const MAX_FILE = 16 << 20;
// A request unanswered after this long, in milliseconds, counts as a lost connection: long, since
// the server reads a batch of received files or renders the whole consolidated report.
const requestTimeout = 120000;
const NO_CONNECTION = "Không kết nối được với chương trình baocao. Hãy mở lại chương trình baocao rồi bấm lại; những gì đã điền vẫn được giữ trong trình duyệt.";
const FIELDS = ["so", "ngay", "han_bao_cao", "ky.quyen", "ky.chuc_vu", "ky.ho_ten", "danh_gia", "de_xuat", "phai_bao_cao"];

let session = "";      // the server's id of the files dropped here
let fileCount = 0;
let dueFile = "";      // the due list's file, as named, when one was chosen
let rows = [];         // the table's rows, as the server gave them
let sortKey = "stt";
let sortUp = true;
let busy = false;
let tableSeq = 0;
let tableTimer = 0;

// --- Requests -----------------------------------------------------------------------------------

// fields is the report's fields and the session, as the server reads them.
function fields() {
  const data = new URLSearchParams();
  data.set("phien", session);
  for (const name of FIELDS) data.set(name, form.elements[name].value);
  return data;
}

// refusedText is what a refusal says.
function refusedText(r) {
  if (r.data) return r.data.errors.map((p) => p.message).join(" ");
  return NO_CONNECTION;
}

// --- Keeping --------------------------------------------------------------------------------------

function persist() {
  const snap = { v: STORE_VERSION, at: new Date().toISOString(), session, fileCount, dueFile, fields: {} };
  for (const name of FIELDS) snap.fields[name] = form.elements[name].value;
  try { localStorage.setItem(STORE_KEY, JSON.stringify(snap)); } catch (e) { /* the browser keeps nothing */ }
}

function stored() {
  try {
    const kept = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
    return kept && kept.v === STORE_VERSION ? kept : null;
  } catch (e) {
    return null;
  }
}

function setFields(values) {
  for (const name of FIELDS) if (typeof values[name] === "string") form.elements[name].value = values[name];
}

// --- Messages -------------------------------------------------------------------------------------

function status(text) { document.getElementById("ket-qua").textContent = text; }

function notice(text) {
  const box = document.getElementById("thong-bao");
  box.replaceChildren();
  if (!text) return;
  const p = document.createElement("p");
  p.textContent = text;
  box.append(p);
}

// showProblems lists the report's errors and warnings above the buttons, each with its field.
function showProblems(errors, warnings) {
  const fill = (id, title, list) => {
    const box = document.getElementById(id);
    box.replaceChildren();
    box.hidden = list.length === 0;
    if (!list.length) return;
    const p = document.createElement("p");
    p.innerHTML = "<strong></strong>";
    p.firstChild.textContent = title;
    const ul = document.createElement("ul");
    for (const m of list) {
      const li = document.createElement("li");
      li.textContent = (m.key ? keyName(m.key) + ": " : "") + m.message;
      ul.append(li);
    }
    box.append(p, ul);
  };
  fill("loi", "Cần sửa trước khi tạo báo cáo:", errors);
  fill("canh-bao", "Lưu ý:", warnings);
}

// keyName says a problem's key in the page's words.
function keyName(key) {
  const names = { so: "Số báo cáo", ngay: "Ngày báo cáo", han_bao_cao: "Hạn nộp báo cáo", phai_bao_cao: "Danh sách phải báo cáo",
    nguon: "Các tệp báo cáo", danh_gia: "Đánh giá", de_xuat: "Đề xuất", "ky.quyen": "Quyền ký", "ky.chuc_vu": "Chức vụ người ký", "ky.ho_ten": "Người ký", ky: "Người ký" };
  return names[key] || key;
}

function showRefused(list) {
  const box = document.getElementById("tu-choi");
  const ul = document.getElementById("ds-tu-choi");
  ul.replaceChildren();
  for (const r of list) {
    const li = document.createElement("li");
    li.textContent = `${r.tep}: ${r.ly_do}.`;
    ul.append(li);
  }
  box.hidden = list.length === 0;
}

function showCounts() {
  document.getElementById("so-tep").textContent = fileCount ? `Đã nhận ${fileCount} tệp.` : "Chưa có tệp nào.";
  document.getElementById("danh-sach-tep").textContent = dueFile
    ? `Đang dùng tệp danh sách "${dueFile}" (khi ô dán ở trên để trống).` : "";
}

// --- Uploads --------------------------------------------------------------------------------------

// sendFiles uploads files in batches, then refreshes the table.
async function sendFiles(files, field = "tep") {
  if (!files.length) return;
  const refused = [];
  const batches = [];
  let batch = [];
  let size = 0;
  for (const f of files) {
    if (f.size > MAX_FILE) {
      refused.push({ tep: f.name, ly_do: `tệp quá lớn (tối đa ${MAX_FILE >> 20} MiB một tệp)` });
      continue;
    }
    if (batch.length && (size + f.size > BATCH_BYTES || batch.length >= BATCH_FILES)) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(f);
    size += f.size;
  }
  if (batch.length) batches.push(batch);
  let done = 0;
  for (const b of batches) {
    status(`Đang gửi các tệp (${done}/${files.length})…`);
    const data = new FormData();
    data.append("phien", session);
    for (const f of b) data.append(field, f, f.name);
    let r = await request("/api/tong-hop/tep", data);
    if (!r.ok && r.status === 410) { // the server forgot the session: start a new one
      session = "";
      data.set("phien", "");
      r = await request("/api/tong-hop/tep", data);
    }
    if (!r.ok) {
      status("");
      notice(refusedText(r));
      break;
    }
    session = r.data.phien;
    fileCount = r.data.so_tep;
    dueFile = r.data.danh_sach || "";
    refused.push(...r.data.tu_choi);
    done += b.length;
  }
  showRefused(refused);
  showCounts();
  persist();
  status(`Đã gửi ${done} tệp.`);
  await refreshTable();
}

// --- The table ------------------------------------------------------------------------------------

async function refreshTable() {
  const seq = ++tableSeq;
  const r = await request("/api/tong-hop/bang", fields());
  if (seq !== tableSeq) return; // a newer one is on its way
  if (!r.ok) {
    if (r.status === 410) forgetFiles(true);
    else notice(refusedText(r));
    return;
  }
  const a = r.data;
  fileCount = a.so_tep;
  dueFile = a.danh_sach || "";
  showCounts();
  rows = a.bang.map((row, i) => Object.assign({ stt: i + 1 }, row));
  drawRows();
  const kinds = document.querySelector("#theo-loai tbody");
  kinds.replaceChildren();
  for (const k of a.loai) kinds.append(line([k.ten, String(k.so), k.chi_tieu ? String(k.chi_tieu) : "-"], [false, true, true]));
  kinds.append(line(["Tổng cộng", String(a.mo_hinh), String(a.loai.reduce((n, k) => n + k.chi_tieu, 0))], [false, true, true]));
  document.getElementById("tom-tat").textContent = `Phải báo cáo: ${a.phai_bao_cao}. Đã báo cáo: ${a.da_bao_cao}/${a.phai_bao_cao}. Báo cáo ngoài danh sách: ${a.ngoai_danh_sach}. Báo cáo chậm: ${a.cham}. Chưa báo cáo: ${a.chua_bao_cao}. Tệp có lỗi: ${a.loi_tep}. Mô hình: ${a.mo_hinh}. Gương: ${a.guong}.`;
  showProblems(a.errors, a.warnings);
  document.body.dataset.bang = String(Number(document.body.dataset.bang || 0) + 1);
}

function line(cells, numeric) {
  const tr = document.createElement("tr");
  cells.forEach((c, i) => {
    const td = document.createElement("td");
    td.textContent = c;
    if (numeric[i]) td.className = "so";
    tr.append(td);
  });
  return tr;
}

// drawRows writes the table's rows in the chosen order.
function drawRows() {
  const key = sortKey;
  const sorted = rows.slice().sort((a, b) => {
    const x = a[key], y = b[key];
    let c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "vi");
    if (key === "ngay") c = dayValue(x) - dayValue(y);
    return sortUp ? c : -c;
  });
  const body = document.querySelector("#bang tbody");
  body.replaceChildren();
  for (const r of sorted) {
    const tr = line([String(r.stt), r.ten, r.hien, r.ngay, r.trang_thai === "da-bao-cao" || r.trang_thai === "cham" || r.trang_thai === "ngoai-danh-sach" ? String(r.mo_hinh) : "", r.trang_thai === "da-bao-cao" || r.trang_thai === "cham" || r.trang_thai === "ngoai-danh-sach" ? String(r.guong) : "", r.tep, r.loi],
      [true, false, false, false, true, true, false, false]);
    tr.className = r.trang_thai;
    body.append(tr);
  }
  document.querySelectorAll("#bang th[aria-sort]").forEach((th) => {
    const b = th.querySelector("button");
    th.setAttribute("aria-sort", b.dataset.sap === sortKey ? (sortUp ? "ascending" : "descending") : "none");
  });
}

// dayValue orders "dd/mm/yyyy" dates; an empty date last.
function dayValue(s) {
  const m = /^(\d+)\/(\d+)\/(\d+)$/.exec(s || "");
  return m ? Number(m[3]) * 10000 + Number(m[2]) * 100 + Number(m[1]) : 99999999;
}

// laterTable asks for the table once typing pauses: longer after a free text, which the table
// does not show (with a thousand files, each table reads every file again, about a second).
function laterTable(name) {
  clearTimeout(tableTimer);
  tableTimer = setTimeout(refreshTable, name === "danh_gia" || name === "de_xuat" ? 1500 : 400);
}

// forgetFiles drops the files of this page, on the server too.
async function forgetFiles(gone) {
  if (session && !gone) {
    const data = new URLSearchParams();
    data.set("phien", session);
    await request("/api/tong-hop/xoa", data);
  }
  session = "";
  fileCount = 0;
  dueFile = "";
  showRefused([]);
  showCounts();
  persist();
  if (gone) notice("Các tệp đã thả trước đây không còn trên máy chủ (quá lâu không dùng, hoặc chương trình đã khởi động lại). Hãy thả lại các tệp báo cáo.");
  refreshTable();
}

// --- Actions --------------------------------------------------------------------------------------

function showPreview(blob) {
  const frame = document.getElementById("khung");
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.src = URL.createObjectURL(blob);
  document.getElementById("xem-truoc").hidden = false;
  return frame;
}

const saved = (what) => (r) => status(`Đã tải ${what} về máy: ${download(r.res, r.blob, "bao-cao-tong-hop")} (trong thư mục Tải về của trình duyệt).`);

const ACTIONS = {
  xem: { url: "/api/tong-hop/pdf", doing: "Đang tạo bản xem trước…", done(r) { showPreview(r.blob).scrollIntoView({ block: "start" }); status("Bản xem trước ở dưới các nút."); } },
  in: {
    url: "/api/tong-hop/pdf", doing: "Đang chuẩn bị bản in…",
    done(r) {
      const frame = showPreview(r.blob);
      frame.addEventListener("load", () => {
        try { frame.contentWindow.focus(); frame.contentWindow.print(); } catch (e) { window.open(frame.src, "_blank"); }
      }, { once: true });
      status("Đã mở hộp in. Nếu không thấy hộp in, bấm vào bản xem trước rồi nhấn Ctrl+P.");
    },
  },
  "tai-pdf": { url: "/api/tong-hop/pdf?tai=1", doing: "Đang tạo bản PDF…", done: saved("bản PDF") },
  "tai-docx": { url: "/api/tong-hop/docx?tai=1", doing: "Đang tạo bản Word…", done: saved("bản Word") },
  "tai-xlsx": { url: "/api/tong-hop/xlsx?tai=1", doing: "Đang tạo bản Excel…", done: saved("bản Excel") },
  luu: {
    url: "/api/tong-hop/luu", doing: "Đang lưu…",
    done(r) {
      const name = download(r.res, r.blob, "bao-cao-tong-hop");
      status(`Đã lưu tệp ${name} (trong thư mục Tải về của trình duyệt). Lần sau bấm "Mở bản đã lưu" và chọn tệp này để làm tiếp.`);
    },
  },
};

async function act(id) {
  if (busy) return;
  busy = true;
  form.setAttribute("aria-busy", "true");
  const a = ACTIONS[id];
  status(a.doing);
  try {
    const r = await request(a.url, fields());
    if (r.ok) {
      a.done(r);
      return;
    }
    status("");
    if (r.status === 410) {
      forgetFiles(true);
      return;
    }
    if (r.data && r.status === 422) {
      showProblems(r.data.errors, r.data.warnings);
      const box = document.getElementById("loi");
      box.focus();
      status("Chưa tạo được báo cáo: xem các chỗ cần sửa ở trên các nút.");
      return;
    }
    notice(refusedText(r));
  } finally {
    busy = false;
    form.removeAttribute("aria-busy");
  }
}

// openSaved reopens what "Lưu để làm tiếp" saved.
async function openSaved(file) {
  status("Đang mở bản đã lưu…");
  const data = new FormData();
  data.append("ban_luu", file, file.name);
  const r = await request("/api/tong-hop/mo", data);
  if (!r.ok) {
    status("");
    notice(refusedText(r));
    return;
  }
  session = r.data.phien;
  fileCount = r.data.so_tep;
  dueFile = r.data.danh_sach || "";
  setFields(r.data.o);
  showRefused(r.data.tu_choi);
  showCounts();
  persist();
  status(`Đã mở ${file.name}: ${fileCount} tệp báo cáo.`);
  await refreshTable();
}

// --- Start ----------------------------------------------------------------------------------------

function wire() {
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", (e) => {
    if (e.target.type === "file") return;
    persist();
    laterTable(e.target.name);
  });
  const picker = document.getElementById("tep");
  document.getElementById("chon-tep").addEventListener("click", () => picker.click());
  picker.addEventListener("change", () => {
    const files = Array.from(picker.files);
    picker.value = "";
    sendFiles(files);
  });
  const duePicker = document.getElementById("danh-sach");
  document.getElementById("chon-danh-sach").addEventListener("click", () => duePicker.click());
  duePicker.addEventListener("change", () => {
    const files = Array.from(duePicker.files);
    duePicker.value = "";
    sendFiles(files, "danh_sach");
  });
  const opener = document.getElementById("mo");
  document.getElementById("mo-tep").addEventListener("click", () => opener.click());
  opener.addEventListener("change", () => {
    const file = opener.files[0];
    opener.value = "";
    if (file) openSaved(file);
  });
  document.getElementById("bo-het").addEventListener("click", () => forgetFiles(false));
  for (const id of Object.keys(ACTIONS)) document.getElementById(id).addEventListener("click", () => act(id));
  document.querySelectorAll("#bang th button").forEach((b) => b.addEventListener("click", () => {
    if (sortKey === b.dataset.sap) sortUp = !sortUp;
    else { sortKey = b.dataset.sap; sortUp = true; }
    drawRows();
  }));
  // Files dropped anywhere on the page are the cells' files, never a page the browser opens.
  const zone = document.getElementById("vung-tha");
  document.addEventListener("dragover", (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes("Files")) {
      e.preventDefault();
      zone.classList.add("dang-tha");
    }
  });
  document.addEventListener("dragleave", () => zone.classList.remove("dang-tha"));
  document.addEventListener("drop", (e) => {
    zone.classList.remove("dang-tha");
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    sendFiles(Array.from(e.dataTransfer.files));
  });
}

async function start() {
  wire();
  const kept = stored();
  if (kept) {
    setFields(kept.fields || {});
    session = kept.session || "";
    fileCount = kept.fileCount || 0;
    dueFile = kept.dueFile || "";
    notice(`Đã khôi phục những gì bạn điền lần trước${kept.at ? " (lúc " + new Date(kept.at).toLocaleString("vi-VN") + ")" : ""}.`);
  }
  showCounts();
  try {
    const res = await fetch("/api/thong-tin", { cache: "no-store" });
    const about = await res.json();
    document.getElementById("phien-ban").textContent = "phiên bản " + about.phien_ban;
  } catch (e) { /* the footer stays short */ }
  await refreshTable();
  form.dataset.sanSang = "1";
}

start();
