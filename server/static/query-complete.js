// What the query editor knows of where the cursor is: the subject of the triple pattern being written
// and the classes the query gives it (`?x a ccm:Action ; ` -> ccm:Action), so that the properties its
// instances have (the VoID class partitions, /query/terms.json's byClass) are offered first.
"use strict";

const CcmComplete = (() => {
  const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  const TOKEN = /<[^>\s]*>?|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|#[^\n]*|[{}.;,()\[\]]|[^\s{}.;,()\[\]<"'#]+/g;

  // the triple patterns of a query's text, each a list of tokens (comments left out)
  function statements(text) {
    const out = [[]];
    for (const [token] of text.matchAll(TOKEN)) {
      if (token.startsWith("#")) continue;
      if (token === "{" || token === "}" || token === ".") {
        out.push([]);
      } else if (!/^(PREFIX|BASE|SELECT|CONSTRUCT|DESCRIBE|ASK|WHERE|FROM|NAMED|OPTIONAL|MINUS|UNION|GRAPH|FILTER|BIND|VALUES|SERVICE)$/i.test(token)
                 || out.at(-1).length) {
        out.at(-1).push(token);
      }
    }
    return out.filter((s) => s.length);
  }

  function resolve(term, prefixes) {
    if (term.startsWith("<") && term.endsWith(">")) return term.slice(1, -1);
    const i = term.indexOf(":");
    return i >= 0 && prefixes[term.slice(0, i)] !== undefined ? prefixes[term.slice(0, i)] + term.slice(i + 1) : null;
  }

  // the classes `query` gives `subject` (`?x a C`, `?x rdf:type C, D`, `?x ?p ?o ; a C`), as IRIs
  function classesOf(subject, query, prefixes) {
    const found = new Set();
    for (const tokens of statements(query)) {
      if (tokens[0] !== subject) continue;
      let predicate = true, isType = false;
      for (const token of tokens.slice(1)) {
        if (token === ";") { predicate = true; isType = false; continue; }
        if (token === ",") continue;
        if (predicate) {
          isType = token === "a" || resolve(token, prefixes) === RDF_TYPE;
          predicate = false;
        } else if (isType) {
          const iri = resolve(token, prefixes);
          if (iri) found.add(iri);
        }
      }
    }
    return [...found];
  }

  // the subject of the pattern being written when a predicate comes next (`?x |`, `?x a ccm:Action ; |`),
  // from the text `before` the token at the cursor; null elsewhere
  function subjectAt(before) {
    const last = statements(before).at(-1);
    if (!last) return null;
    const predicateNext = last.length === 1 || last.at(-1) === ";";
    return predicateNext && /^[?$<]|:/.test(last[0]) ? last[0] : null;
  }

  // `properties` (IRIs) with those the classes' instances have first (`byClass`: per class, its
  // instances' properties, most used first), then the rest
  function ordered(properties, classes, byClass) {
    const first = new Set(classes.flatMap((c) => byClass[c] || []));
    return [...first, ...properties.filter((p) => !first.has(p))];
  }

  return { classesOf, subjectAt, ordered };
})();
