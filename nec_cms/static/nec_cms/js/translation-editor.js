// wagtail-localize's translation editor writes two texts in English whatever the admin's
// language (no gettext in its bundle): the heading "{source} to {target} translation" and the
// screen-reader label "More actions". This puts the admin's words in their place (given by the
// server on this script's tag, see nec_cms/upstream_fixes.py) each time the editor renders.
(() => {
  const script = document.currentScript;

  const translateEditor = () => {
    const editor = document.querySelector('.js-translation-editor');
    if (!script || !editor) return;

    const props = JSON.parse(editor.dataset.props);
    const source = props.sourceLocale.displayName;
    const target = props.locale.displayName;
    const replacements = new Map([
      [
        `${source} to ${target} translation`,
        script.dataset.heading.replace('%(source)s', source).replace('%(target)s', target),
      ],
      ['More actions', script.dataset.moreActions],
    ]);

    // Change the text node itself (not its parent's content): React keeps using it.
    const translate = () => {
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const replacement = replacements.get(node.nodeValue.trim());
        if (replacement) node.nodeValue = replacement;
      }
    };
    new MutationObserver(translate).observe(editor, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    translate();
  };

  // The admin loads this script in <head>: the editor exists once the document is parsed.
  document.addEventListener('DOMContentLoaded', translateEditor);
})();
