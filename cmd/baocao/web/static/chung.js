// What both pages of "baocao serve" share: the header every request carries, sending a request
// bounded in time, and saving an answer as the file its header names. Loaded before the page's
// own script, which sets requestTimeout.
"use strict";

// Every request of these pages carries this header; the server refuses requests without it.
const FORM_HEADER = { "X-Baocao-Bieu-Mau": "1" };

// download saves an answer as the file its header names (fallback when it names none), and
// gives that name.
function download(res, blob, fallback) {
  const name = (/filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "") || [])[1] || fallback;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}

// request sends a request to the server (a GET without a body, else a POST), bounded by the
// page's requestTimeout (milliseconds). It gives {ok, data|blob, res} for an answer, {ok:false,
// data} for a refusal the server explains, {ok:false, failed, timeout} when no usable answer came.
async function request(url, body) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), requestTimeout);
  try {
    const res = await fetch(url, {
      method: body === undefined ? "GET" : "POST", headers: FORM_HEADER, body, signal: ctl.signal, cache: "no-store",
    });
    const isJSON = (res.headers.get("Content-Type") || "").startsWith("application/json");
    if (res.ok && !isJSON) return { ok: true, res, blob: await res.blob() };
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (res.ok && data) return { ok: true, res, data };
    if (data && Array.isArray(data.errors)) return { ok: false, status: res.status, data };
    return { ok: false, failed: true };
  } catch (e) {
    return { ok: false, failed: true, timeout: ctl.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}
