// The form of "baocao serve": rows to add and remove, the checks shown next to their fields,
// preview and downloads. Everything it needs comes from this server.
"use strict";

const form = document.getElementById("bieu-mau");
// Every request of this page carries this header; the server refuses requests without it.
const FORM_HEADER = { "X-Baocao-Bieu-Mau": "1" };
let kinds = [];

// addRow adds a row to a list ("mo_hinh" or "guong"), filled with values when given.
function addRow(list, values) {
  const row = document.getElementById("mau-" + list).content.firstElementChild.cloneNode(true);
  row.querySelectorAll("select.loai-mo-hinh").forEach((sel) => {
    for (const k of kinds) sel.add(new Option(k.name, k.code));
  });
  if (values) {
    for (const [key, value] of Object.entries(values)) {
      const field = row.querySelector(`[name="${list}.${key}"]`);
      if (field) field.value = value;
    }
  }
  row.querySelector(".xoa").addEventListener("click", () => row.remove());
  document.getElementById(list).appendChild(row);
  return row;
}

// field finds the field a problem's key names: "co_quan.ten", "mo_hinh[2].loai", "noi_nhan[1]".
function field(key) {
  const m = /^(mo_hinh|guong)\[(\d+)\]\.(\w+)$/.exec(key);
  if (m) {
    const row = document.getElementById(m[1]).children[Number(m[2]) - 1];
    return row ? row.querySelector(`[name="${m[1]}.${m[3]}"]`) : null;
  }
  const name = key.replace(/\[\d+\]$/, "");
  return form.elements.namedItem(name);
}

// clearProblems removes the messages of the last check.
function clearProblems() {
  form.querySelectorAll(".loi, .canh-bao-o").forEach((p) => p.remove());
  form.querySelectorAll("[aria-invalid]").forEach((f) => f.removeAttribute("aria-invalid"));
  for (const id of ["loi-chung", "canh-bao"]) {
    const box = document.getElementById(id);
    box.hidden = true;
    box.textContent = "";
  }
}

// showProblems puts each error and warning next to its field, or at the top when it has none.
function showProblems(res) {
  clearProblems();
  const place = (list, cls, boxId, invalid) => {
    for (const p of list || []) {
      const f = p.key ? field(p.key) : null;
      const msg = document.createElement("p");
      msg.className = cls;
      msg.textContent = (f ? "" : (p.key ? p.key + ": " : "")) + p.message;
      if (f && f.parentElement) {
        if (invalid) f.setAttribute("aria-invalid", "true");
        f.insertAdjacentElement("afterend", msg);
      } else {
        const box = document.getElementById(boxId);
        box.hidden = false;
        box.appendChild(msg);
      }
    }
  };
  place(res.errors, "loi", "loi-chung", true);
  place(res.warnings, "canh-bao-o", "canh-bao", false);
  const first = form.querySelector("[aria-invalid]") || (res.errors && res.errors.length ? document.getElementById("loi-chung") : null);
  if (first) first.scrollIntoView({ block: "center" });
  return !res.errors || res.errors.length === 0;
}

// body is the form as the server reads it.
function body() {
  return new URLSearchParams(new FormData(form));
}

// post sends the form to an action; a refused form shows its problems and gives null.
async function post(url) {
  const res = await fetch(url, { method: "POST", headers: FORM_HEADER, body: body() });
  if (res.status === 422) {
    showProblems(await res.json());
    return null;
  }
  if (!res.ok) {
    showProblems({ errors: [{ message: "Máy chủ báo lỗi: " + (await res.text()) }] });
    return null;
  }
  return res;
}

// check shows the problems of the form, and whether it has no error.
async function check() {
  const res = await fetch("/api/kiem-tra", { method: "POST", headers: FORM_HEADER, body: body() });
  return showProblems(await res.json());
}

// download saves a response as the file its header names.
async function download(res) {
  const name = (/filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "") || [])[1] || "bao-cao";
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function preview() {
  if (!(await check())) return;
  const res = await post("/api/pdf");
  if (!res) return;
  const frame = document.getElementById("khung");
  if (frame.src) URL.revokeObjectURL(frame.src);
  frame.src = URL.createObjectURL(await res.blob());
  const section = document.getElementById("xem-truoc");
  section.hidden = false;
  section.scrollIntoView();
}

async function save(url) {
  if (url !== "/api/yaml" && !(await check())) return;
  const res = await post(url);
  if (res) await download(res);
}

// fill puts an opened form's values into the page.
function fill(f) {
  form.reset();
  const set = (name, value) => {
    const el = form.elements.namedItem(name);
    if (!el) return;
    if (el.type === "checkbox") el.checked = Boolean(value);
    else el.value = value == null ? "" : value;
  };
  const walk = (prefix, obj) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (v !== null && typeof v === "object" && !Array.isArray(v)) walk(prefix + k + ".", v);
      else if (!Array.isArray(v)) set(prefix + k, v);
    }
  };
  walk("", f);
  // A value left to its default is absent: show the default the page starts with.
  if (f.co_quan.cap_tren == null) set("co_quan.cap_tren", form.elements.namedItem("co_quan.cap_tren").defaultValue);
  if (f.ky.quyen == null) set("ky.quyen", f.co_quan.loai === "dang-bo" ? "T/M ĐẢNG ỦY" : "T/M BAN CHI ỦY");
  set("noi_nhan", (f.noi_nhan || []).join("\n"));
  for (const list of ["mo_hinh", "guong"]) {
    document.getElementById(list).replaceChildren();
    for (const item of f[list] || []) addRow(list, item);
  }
}

async function openFile(file) {
  const res = await fetch("/api/mo", { method: "POST", headers: FORM_HEADER, body: file });
  const data = await res.json();
  if (data.form) fill(data.form);
  showProblems(data);
}

// A field being corrected loses its error.
form.addEventListener("input", (e) => {
  const next = e.target.nextElementSibling;
  if (next && next.classList.contains("loi")) next.remove();
  e.target.removeAttribute("aria-invalid");
});

document.addEventListener("DOMContentLoaded", async () => {
  kinds = await (await fetch("/api/loai")).json();
  document.querySelectorAll("[data-them]").forEach((b) => b.addEventListener("click", () => addRow(b.dataset.them)));
  document.getElementById("xem").addEventListener("click", preview);
  document.getElementById("tai-pdf").addEventListener("click", () => save("/api/pdf?tai=1"));
  document.getElementById("tai-docx").addEventListener("click", () => save("/api/docx?tai=1"));
  document.getElementById("luu").addEventListener("click", () => save("/api/yaml"));
  document.getElementById("mo").addEventListener("change", (e) => { if (e.target.files[0]) openFile(e.target.files[0]); e.target.value = ""; });
  // A đảng bộ signs for its Đảng ủy unless the secretary wrote otherwise.
  const loai = form.elements.namedItem("co_quan.loai");
  const quyen = form.elements.namedItem("ky.quyen");
  loai.addEventListener("change", () => {
    const defaults = { "chi-bo": "T/M BAN CHI ỦY", "dang-bo": "T/M ĐẢNG ỦY" };
    if (Object.values(defaults).includes(quyen.value)) quyen.value = defaults[loai.value];
    const recipients = form.elements.namedItem("noi_nhan");
    recipients.value = recipients.value.replace(/^Lưu (Chi bộ|Đảng bộ)$/m, loai.value === "dang-bo" ? "Lưu Đảng bộ" : "Lưu Chi bộ");
  });
});
