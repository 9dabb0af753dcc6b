/**
 * Lines of an article that are about the article, not about back pain: a standfirst selling it
 * ("Discover the seven most common reasons..."), sign-offs ("Thank you for reading"), calls to
 * action and editing placeholders left in ("[insert symptoms if applicable]"). Quoting them answers
 * nothing, so answers skip them.
 */
const PLACEHOLDER = /\[[^\]]*\b(insert|add|placeholder|todo|tbd|link|image|citation needed|if applicable)\b[^\]]*\]|\{\{[^}]*\}\}|\b(lorem ipsum|TODO|TBD|XXX)\b/i;
const SIGN_OFF = /^(thank(s| you) (for reading|for visiting)|we hope (this|you)|hope this helps|stay tuned|disclaimer:)/i;
const CALL_TO_ACTION = /^(discover|learn (about|more|how)|find out|read (more|on)|click|subscribe|sign up|follow us|share this|contact us|book (a|an|your)|download|don'?t miss|check out)\b/i;

export function isBoilerplate(sentence: string): boolean {
  const s = sentence.trim();
  return PLACEHOLDER.test(s) || SIGN_OFF.test(s) || CALL_TO_ACTION.test(s);
}
