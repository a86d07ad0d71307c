// Eleventy for the side-by-side benchmark: one page per Markdown file, one index listing them.
// bench.py passes --input (the corpus' peers/ folder) and --output; the layout and the index
// are virtual templates, so the input folder holds nothing but the pages.
module.exports = function (eleventyConfig) {
  eleventyConfig.addGlobalData("layout", "page.njk");
  eleventyConfig.addTemplate("_includes/page.njk", `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<main>
<h1>{{ title }}</h1>
<p>{{ summary }}</p>
{{ content | safe }}
</main>
</body>
</html>
`);
  eleventyConfig.addTemplate("index.njk", `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Corpus Prep</title></head>
<body>
<main>
<h1>Corpus Prep</h1>
<ul>
{% for item in collections.all | sort(false, false, "data.title") %}{% if item.url != "/" %}<li><a href="{{ item.url }}">{{ item.data.title }}</a>: {{ item.data.summary }}</li>
{% endif %}{% endfor %}</ul>
</main>
</body>
</html>
`, { layout: false });
};
