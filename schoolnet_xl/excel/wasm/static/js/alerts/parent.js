// xlwings Wasm: the add-in is a folder of static files, so xlwings' alert dialog
// (a page xlwings Server renders at /xlwings/alert) does not exist there. The
// scripts' messages and any error show in the task pane instead; a ribbon
// button opens the task pane to show it. Replaces xlwings' alerts/parent.js in
// the Wasm build only (`schoolnet-xl serve` keeps the dialog).
const ERROR_TITLES = { Error: "Fout" };

export async function xlAlert(prompt, title, buttons, mode, callback) {
  const box = document.querySelector("#netwerkkaart-melding");
  if (box) {
    box.querySelector("strong").textContent = ERROR_TITLES[title] || title;
    box.querySelector("span").textContent = `${prompt}`;
    box.classList.remove("d-none", "alert-info", "alert-danger");
    box.classList.add(mode === "critical" ? "alert-danger" : "alert-info");
  }
  if (globalThis.Office && Office.addin && Office.addin.showAsTaskpane) {
    try {
      await Office.addin.showAsTaskpane();
    } catch (error) {
      console.log(`Het taakvenster kon niet openen: ${error}`);
    }
  }
  if (callback && globalThis.callbacks && callback in globalThis.callbacks) {
    globalThis.callbacks[callback]("ok");
  }
}
