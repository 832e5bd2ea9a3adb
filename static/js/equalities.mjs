// Progressive enhancement: choosing "Under 16" hides the questions we do not
// ask children (the server drops any answer to them either way).
const form = document.querySelector("form");
const adultOnly = document.querySelectorAll("[data-sixteen-or-over]");

function update() {
  const age = form?.querySelector('input[name="age_band"]:checked');
  const under16 = age?.value === "Under 16";
  for (const group of adultOnly) {
    group.hidden = under16;
    if (under16) {
      for (const input of group.querySelectorAll("input")) input.checked = false;
    }
  }
}

if (form && adultOnly.length) {
  form.addEventListener("change", (event) => {
    if (event.target.name === "age_band") update();
  });
  update();
}
