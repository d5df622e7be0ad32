/**
 * Ribbon commands (the manifest's FunctionFile). The only button opens the task pane, which
 * Office does itself (ShowTaskpane), so there is no command function yet; Office still requires
 * the page to initialise Office.js. Add ExecuteFunction handlers here with Office.actions.associate.
 */
if (typeof Office !== 'undefined') {
  void Office.onReady();
}
