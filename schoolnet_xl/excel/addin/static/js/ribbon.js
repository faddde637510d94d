// Ribbon buttons of the "Netwerkkaart" tab (the ids are the FunctionName
// entries of manifest.xml). Each runs one xlwings Server script on the open
// workbook and must call event.completed().
async function runScript(scriptName, event) {
  let authResult =
    typeof globalThis.getAuth === "function"
      ? await globalThis.getAuth()
      : { token: "", provider: "" };
  try {
    await xlwings.runPython({
      auth: authResult.token,
      scriptName: scriptName,
      headers: { "Auth-Provider": authResult.provider },
    });
  } finally {
    event.completed();
  }
}

Office.actions.associate("valideer", (event) => runScript("valideer", event));
Office.actions.associate("ontbrekende-categorieen", (event) =>
  runScript("ontbrekende_categorieen", event),
);
Office.actions.associate("overzicht-vernieuwen", (event) =>
  runScript("overzicht_vernieuwen", event),
);
