import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/config/config.ts";
import { DataFileError } from "../../src/core/errors.ts";
import type { IndexSnapshot } from "../../src/index/snapshot.ts";
import { checkRedFlags, escalationGuidance } from "../../src/safety/check-red-flags.ts";
import { NOT_ENGLISH_CHECK } from "../../src/safety/language.ts";
import { foldLetters, readOtherLanguages } from "../../src/safety/languages.ts";
import { loadRules, parseRules, type RuleSet } from "../../src/safety/rules.ts";

/**
 * The red-flag lexicon of other languages (corpus/red-flags-languages.yml), on messages written for
 * these tests: per language an emergency, a denial, a question about signs in general and ordinary
 * back pain. Only the emergency may escalate; the others are left as before (the check question
 * when the message is mostly not English).
 */
let rules: RuleSet;
let snapshot: IndexSnapshot;
beforeAll(async () => {
  rules = await loadRules(path.join(PROJECT_ROOT, "corpus/red-flags.yml"));
  // The check needs only the rules and the analyzer's spelling and word look-ups.
  snapshot = { rules, analyzer: { correct: (w: string) => w, knows: () => false } } as unknown as IndexSnapshot;
});
const check = (text: string) => checkRedFlags(snapshot, text, { semantic: false });

const LANGUAGES: Array<{ code: string; emergency: Array<[string, string[]]>; denied: string[]; hypothetical: string[]; ordinary: string[] }> = [
  {
    code: "es",
    emergency: [
      ["no siento nada entre las piernas y casi no puedo orinar", ["saddle-numbness", "urinary-retention"]],
      ["Desde esta mañana se me escapa la orina y no me doy cuenta", ["bladder-control-loss"]],
      ["Mi padre tiene las piernas muy débiles desde anoche", ["both-legs-weak"]],
      ["Mi marido no siente las piernas y no puede caminar", ["both-legs-numb", "both-legs-weak"]],
    ],
    denied: ["no tengo problemas para orinar, solo dolor de espalda", "No tengo las piernas adormecidas, solo me duele la espalda"],
    hypothetical: ["¿cuáles son los signos de cauda equina?", "¿Qué pasa si no puedo orinar?"],
    ordinary: ["Me duele mucho la espalda baja y el dolor baja por la pierna derecha hasta el pie, ¿qué ejercicios me recomiendan?"],
  },
  {
    code: "pt",
    emergency: [["Desde ontem não consigo fazer xixi e estou com a virilha dormente", ["urinary-retention", "saddle-numbness"]]],
    denied: ["Não tenho dificuldade para urinar, só dor nas costas"],
    hypothetical: ["Quais são os sinais de cauda equina? E se eu não conseguir urinar?"],
    ordinary: ["Tenho dor nas costas há duas semanas e a dor desce pela perna esquerda, o que posso fazer?"],
  },
  {
    code: "fr",
    emergency: [
      ["Depuis ce matin je ne sens plus rien entre les jambes", ["saddle-numbness"]],
      ["je n'arrive plus à uriner depuis ce matin", ["urinary-retention"]],
      // "jambes" and "faibles" are in a general English word list, but not English rule words.
      ["Mes jambes sont faibles depuis hier soir", ["both-legs-weak"]],
    ],
    denied: ["Pas de difficulté à uriner, juste mal au dos depuis lundi"],
    hypothetical: ["Quels sont les signes de la queue de cheval ? Et si je ne peux plus uriner ?"],
    ordinary: ["J'ai mal au dos depuis une semaine et la douleur descend dans la jambe gauche, quels étirements faire ?"],
  },
  {
    code: "it",
    emergency: [["Non riesco a urinare da stamattina e le gambe mi cedono", ["urinary-retention", "both-legs-weak"]]],
    denied: ["Nessuna difficoltà a urinare, solo mal di schiena"],
    hypothetical: ["Cosa succede se non riesco a urinare? Quali sono i sintomi della cauda equina?"],
    ordinary: ["Ho mal di schiena da una settimana e il dolore scende lungo la gamba destra, cosa posso fare?"],
  },
  {
    code: "de",
    emergency: [
      ["Seit heute Morgen sind beide Beine taub und ich kann den Urin nicht halten", ["both-legs-numb", "bladder-control-loss"]],
      ["Ich kann seit gestern nicht pinkeln", ["urinary-retention"]],
    ],
    denied: ["Keine Taubheit im Intimbereich, nur Rückenschmerzen seit einer Woche"],
    hypothetical: ["Was sind die Anzeichen für Cauda equina, wenn die Beine taub werden?"],
    ordinary: ["Ich habe seit einer Woche Rückenschmerzen, die ins linke Bein ausstrahlen. Welche Übungen helfen?"],
  },
  {
    code: "pl",
    emergency: [
      ["drętwienie w kroczu", ["saddle-numbness"]],
      ["Od rana nie mogę oddać moczu i nogi są słabe", ["urinary-retention", "both-legs-weak"]],
    ],
    denied: ["Nie mam problemów z oddawaniem moczu, tylko ból pleców"],
    hypothetical: ["Co jeśli nie mogę oddać moczu? Jakie są objawy zespołu ogona końskiego?"],
    ordinary: ["Od tygodnia boli mnie kręgosłup i ból promieniuje do prawej nogi, co mogę robić?"],
  },
  {
    code: "ro",
    emergency: [["De azi dimineață nu pot să urinez și am amorțeală între picioare", ["urinary-retention", "saddle-numbness"]]],
    denied: ["Nu am dificultate să urinez, doar durere de spate"],
    hypothetical: ["Ce se întâmplă dacă nu pot urina?"],
    ordinary: ["Mă doare spatele de o săptămână și durerea coboară pe piciorul stâng, ce exerciții să fac?"],
  },
  {
    code: "tl",
    emergency: [
      ["di na niya ma-control ang ihi", ["bladder-control-loss"]],
      ["Hindi ako makaihi simula kagabi at namamanhid ang pwet ko", ["urinary-retention", "saddle-numbness"]],
    ],
    denied: ["Walang pamamanhid sa singit ko, masakit lang ang likod"],
    hypothetical: ["Paano kung hindi ako makaihi, emergency ba yun?"],
    ordinary: ["Masakit ang likod ko at umaabot ang sakit hanggang sa binti ko, ano ang pwede kong gawin?"],
  },
  {
    code: "hi",
    emergency: [
      ["aaj subah se peshab nahi aa raha", ["urinary-retention"]],
      ["bhai papa ko back pain hai, aur kal raat se unka peshab nahi aa raha", ["urinary-retention"]],
      ["Mummy ke dono pair sunn ho gaye hai aur woh khadi nahi ho pa rahi", ["both-legs-numb"]],
    ],
    denied: ["peshab mein dikkat nahi hai, bas kamar dard hai", "dono pair kamzor nahi hai, bas kamar mein dard hai"],
    hypothetical: ["Agar peshab nahi aa raha ho to kya karna chahiye?"],
    ordinary: ["Mujhe do hafte se kamar mein dard hai aur dard pair tak jaata hai, kya karun?"],
  },
  {
    code: "pcm",
    emergency: [
      ["Abeg help, since morning my yansh don numb and I no fit piss", ["saddle-numbness", "urinary-retention"]],
      // "no fit control" and "no dey feel" are words the English rules know, in phrases they do not.
      ["Abeg my papa no fit control im piss again and e no dey feel im yansh", ["bladder-control-loss", "saddle-numbness"]],
    ],
    denied: ["Abeg, I no get numb for my yansh, na only back pain dey worry me"],
    hypothetical: ["Wetin go happen if person no fit feel him yansh?"],
    ordinary: ["Abeg my back dey pain me well well and the pain dey go down my leg, wetin I fit do?"],
  },
  {
    code: "tr",
    emergency: [
      ["Sabahtan beri idrarımı tutamıyorum ve bacaklarım uyuşuyor", ["bladder-control-loss", "both-legs-numb"]],
      ["İki bacağım da güçsüz ve uyuşuk, yürüyemiyorum", ["both-legs-weak"]],
    ],
    denied: ["Bacaklarımda uyuşma yok, sadece bel ağrım var"],
    hypothetical: ["Bacaklarda uyuşma olursa ne yapmalıyım?"],
    ordinary: ["Bir haftadır belim ağrıyor ve ağrı sağ bacağıma vuruyor, ne yapabilirim?"],
  },
];

describe.each(LANGUAGES)("red flags in $code", ({ emergency, denied, hypothetical, ordinary }) => {
  it.each(emergency)("escalates an emergency: %s", async (text, reasons) => {
    const r = await check(text);
    expect(r.level, text).toBe("emergency");
    expect(r.reasons).toEqual(expect.arrayContaining(reasons));
    expect(r.check).toEqual([]);
  });

  it.each([...denied, ...hypothetical, ...ordinary])("does not escalate a denial, a general question or ordinary back pain: %s", async (text) => {
    const r = await check(text);
    expect(r.level, text).not.toBe("emergency");
  });

  it.each(denied)("reads the denial as a denial: %s", (text) => {
    const reading = readOtherLanguages(text, rules.languages!);
    expect(reading.current).toEqual([]);
    expect(reading.hits.map((h) => h.status)).toContain("negated");
  });
});

describe("the other languages' lexicon in the red-flag check", () => {
  it("adds the language's own line to the English emergency guidance", async () => {
    const r = await check("no siento nada entre las piernas y casi no puedo orinar");
    expect(r.otherLanguage?.code).toBe("es");
    const guidance = escalationGuidance(rules, r) ?? "";
    expect(guidance.startsWith(rules.guidance.emergency)).toBe(true);
    expect(guidance).toMatch(/urgencias/);
    // A language mostly sharing words with another still gets its own line: "control" is also Portuguese.
    expect((await check("no puedo controlar la orina desde anoche")).otherLanguage?.code).toBe("es");
  });

  it("keeps the English guidance alone for an English emergency", async () => {
    const r = await check("I can't feel anything between my legs and I can't pee");
    expect(r.level).toBe("emergency");
    expect(r.otherLanguage).toBeUndefined();
    expect(escalationGuidance(rules, r)).toBe(rules.guidance.emergency);
  });

  it("still asks the check question when a message mostly not in English reports nothing it can read", async () => {
    const r = await check("Tengo un dolor de espalda muy fuerte desde hace una semana y no sé qué hacer");
    expect(r.level).toBe("none");
    expect(r.check).toContain(NOT_ENGLISH_CHECK);
    // ...and when it reads a denial or a general question.
    expect((await check("¿Cuáles son los signos de cauda equina? ¿Qué pasa si no puedo orinar?")).check).toContain(NOT_ENGLISH_CHECK);
  });

  it("leaves English messages exactly as the English rules decide them", async () => {
    const without = { ...snapshot, rules: { ...rules, languages: null } } as IndexSnapshot;
    for (const text of [
      "my back is killing me and the pain goes down my leg, is ibuprofen ok",
      "what are the signs of cauda equina?",
      "I have no problems peeing, just back pain",
      "my legs feel weak after the gym",
      "I can't feel my bum when I wipe",
      "hw lng shud i rest my bak for sciatica",
    ]) {
      const a = await checkRedFlags(snapshot, text, { semantic: false });
      const b = await checkRedFlags(without, text, { semantic: false });
      expect({ level: a.level, reasons: a.reasons, check: a.check }, text).toEqual({ level: b.level, reasons: b.reasons, check: b.check });
    }
  });

  it("matches without accents and with its own letters folded", async () => {
    expect(foldLetters("Drętwienie, ŁYDKA, Fuß, ıslak, orinár")).toBe("dretwienie, lydka, fuss, islak, orinar");
    expect((await check("dretwienie w kroczu")).reasons).toContain("saddle-numbness");
    expect((await check("no puedo orinár")).reasons).toContain("urinary-retention");
  });

  it("does not take another language's cue for its own: Hindi 'se' (since) is not Portuguese 'se' (if)", () => {
    expect(readOtherLanguages("aaj subah se peshab nahi aa raha", rules.languages!).current).toEqual(["urinary-retention"]);
    // Romanian "și" (and) is not Spanish "si" (if).
    expect(readOtherLanguages("picioarele sunt amorțite și slabe", rules.languages!).current).toEqual(expect.arrayContaining(["both-legs-numb", "both-legs-weak"]));
  });

  it("keeps a denial to what it stands next to, and a composition to its clause", () => {
    expect(readOtherLanguages("no tengo fiebre y no puedo orinar", rules.languages!).current).toEqual(["urinary-retention"]);
    expect(readOtherLanguages("Sí, no puedo orinar desde ayer", rules.languages!).current).toEqual(["urinary-retention"]);
    expect(readOtherLanguages("orino bien, pero tengo la pierna dormida", rules.languages!).hits).toEqual([]);
    // Pain that stops someone walking is asked about, as in English; a young child's wetting is no sign.
    expect(readOtherLanguages("no puedo caminar por el dolor de las piernas", rules.languages!).current).toEqual([]);
    expect(readOtherLanguages("mi hijo de 3 años se orina encima", rules.languages!).current).toEqual([]);
    // Legs that tire on a long walk and recover on sitting are the pattern of spinal stenosis, not an emergency.
    expect(readOtherLanguages("Je ne peux pas marcher longtemps, mes jambes deviennent lourdes, ça passe quand je m'assois", rules.languages!).current).toEqual([]);
  });

  it("reads a sign in the past or resolved as history, not as happening now", () => {
    const reading = readOtherLanguages("Hace años tuve un episodio en que no podía orinar, ahora estoy bien", rules.languages!);
    expect(reading.current).toEqual([]);
    expect(reading.hits.map((h) => h.status)).toEqual(["historical"]);
  });
});

describe("the languages file", () => {
  const RULES = `guidance:
  emergency: Call now.
  urgent: See a doctor today.
  informational: Worth knowing.
  check_question: Is this happening now?
  check_options: ["Yes", "No"]
concepts:
  bladder:
    - why: words for the bladder
      terms: [bladder]
rules:
  - id: urinary-retention
    tier: emergency
    says: cannot pass urine
    reference: NICE NG59
    patterns:
      - "{bladder}"
context:
${["terminators", "negation_before", "negation_after", "negation_adjacent", "pseudo", "uncertain_before", "hypothetical_before", "hypothetical_after", "history_before", "history_after", "child_subject", "animal_subject", "animal_cue", "relative_past", "family_risk", "at_ease", "care_recipient", "care_task", "baseline_after"]
  .map((k) => `  ${k}:\n    - why: a reason\n      terms: [zzz${k.replace(/_/g, "")}]\n`)
  .join("")}`;
  const LANGS = `compose:
  - rule: urinary-retention
    why: cannot pass urine
    all: [unable, urine]
    within: 4
languages:
  es:
    name: Spanish
    franc: [spa]
    guidance: "Llame al 112."
    concepts:
      urine:
        - why: urine
          terms: [orin*, pis]
      unable:
        - why: cannot
          terms: [no puedo]
    cues:
      denial_before:
        - why: denials
          terms: [sin]
`;
  const parse = (langs: string) => parseRules(RULES, "corpus/red-flags.yml", { source: langs, file: "corpus/red-flags-languages.yml" });

  it("parses a valid file and composes its concepts", () => {
    const set = parse(LANGS);
    expect(set.languages?.compositions[0].rule).toBe("urinary-retention");
    expect(readOtherLanguages("no puedo orinar", set.languages!).current).toEqual(["urinary-retention"]);
  });

  it.each([
    ["a prefix too short to mean one thing", LANGS.replace("orin*", "or*"), 14, /prefix 'or\*'.*at least 3 letters/],
    ["a group without its why", LANGS.replace("        - why: cannot\n          terms", "        - terms"), 16, /'why'/],
    ["a rule that is not an emergency of the rules file", LANGS.replace("rule: urinary-retention", "rule: retention"), 2, /'retention' is not an emergency rule/],
    ["a concept no composition uses", LANGS.replace("      unable:", "      unabel:"), 15, /concept 'unabel' is not used/],
    ["an unknown cue kind", LANGS.replace("denial_before:", "denial:"), 19, /cue kind 'denial'/],
    ["a term that is not words", LANGS.replace("[no puedo]", "[no pue$do]"), 17, /not a word/],
    ["a gap at the end of a term", LANGS.replace("[no puedo]", "[no puedo ~2]"), 17, /end with a word/],
    ["broken YAML", LANGS.replace("    within: 4", "    within: [4"), 6, /./],
  ])("rejects %s with the file and line", (_name, text, line, message) => {
    let error: unknown;
    try {
      parse(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).message).toMatch(message);
    expect((error as DataFileError).message.startsWith(`corpus/red-flags-languages.yml:${(error as DataFileError).line}:`)).toBe(true);
    expect((error as DataFileError).line).toBe(line);
  });

  it("is read from beside the rules file, and its absence leaves the rules as before", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lumbar-languages-"));
    try {
      await writeFile(path.join(dir, "red-flags.yml"), await readFile(path.join(PROJECT_ROOT, "corpus/red-flags.yml"), "utf8"));
      expect((await loadRules(path.join(dir, "red-flags.yml"))).languages).toBeNull();
      await writeFile(path.join(dir, "red-flags-languages.yml"), LANGS.replace("orin*", "or*"));
      await expect(loadRules(path.join(dir, "red-flags.yml"))).rejects.toThrow(/red-flags-languages\.yml:14:/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
