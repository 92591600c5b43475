// What both pages of "baocao serve" share: the header every request carries, and saving an
// answer as the file its header names. Loaded before the page's own script.
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
