// thidua: the little behaviour pages need. No inline scripts anywhere (the Content Security Policy forbids them).
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches && target.matches(".js-autosubmit")) {
    target.form.submit();
  }
});
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
