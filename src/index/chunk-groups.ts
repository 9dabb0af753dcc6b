import { headingAsQuestion } from "../answer/suggestions.ts";
import type { Chunk } from "../corpus/chunk.ts";
import { headingIndex } from "../retrieve/heading-index.ts";
import type { IndexSnapshot } from "./snapshot.ts";

/**
 * The chunks of a version grouped once, so that a message never walks the whole corpus to find a
 * section's or an article's chunks, or the list of sections to suggest.
 */
export interface ChunkGroups {
  /** Each article's chunks, in corpus order. */
  byArticle: Map<string, Chunk[]>;
  /**
   * The first chunk of each section below an article's title, in corpus order: the suggestions
   * read the same sections in the same order from these as from every chunk.
   */
  offerable: Chunk[];
  /** Each offerable section's position in `offerable`. */
  offerableRank: Map<string, number>;
  /**
   * The part of `offerable` the suggestions can reach: FAQ sections ("Q. ...") until
   * SUGGESTION_REACH distinct questions, the last FAQ, and numbered sections ("1. ...") until as
   * many, in corpus order. The suggestions pick from the front of exactly these lists (the first
   * numbered, the first and last FAQ, then FAQs, then numbered), so reading these instead of every
   * section gives the same picks for any count up to SUGGESTION_REACH, without a pass over the
   * sections of the whole corpus per message.
   */
  suggestable: Chunk[];
  /** Headings with other sections under them ("Surgical Interventions"): categories, not one treatment. */
  parents: Set<string>;
  /**
   * The sections directly under each heading, in corpus order ("7 Reasons Back Pain Causes Leg Pain"
   * -> "1. Sciatica" ... "7. Arthritis"): the list an answer about the heading names, so that "the
   * third one" can be read against it.
   */
  children: Map<string, string[]>;
  /** The heading each section sits under (none for an article's title). */
  parentOf: Map<string, string>;
}

/** Distinct suggestions the lists above can supply: count (3) plus sections already cited, with room to spare. */
export const SUGGESTION_REACH = 64;

const built = new WeakMap<IndexSnapshot, ChunkGroups>();

export function chunkGroups(snapshot: IndexSnapshot): ChunkGroups {
  let groups = built.get(snapshot);
  if (!groups) {
    groups = { byArticle: new Map(), offerable: [], offerableRank: new Map(), suggestable: [], parents: new Set(), children: new Map(), parentOf: new Map() };
    const offered = new Set<string>();
    for (const c of snapshot.chunks) {
      const article = groups.byArticle.get(c.article);
      if (article) article.push(c);
      else groups.byArticle.set(c.article, [c]);
      for (let i = 0; i < c.headingPath.length - 1; i++) groups.parents.add(c.headingPath[i]);
      const parent = c.headingPath[c.headingPath.length - 2];
      if (parent !== undefined && c.part === 1) {
        groups.parentOf.set(c.section, parent);
        const under = groups.children.get(parent);
        if (!under) groups.children.set(parent, [c.section]);
        else if (under[under.length - 1] !== c.section) under.push(c.section);
      }
      if (c.headingPath.length > 1 && !offered.has(c.section)) {
        offered.add(c.section);
        groups.offerableRank.set(c.section, groups.offerable.length);
        groups.offerable.push(c);
      }
    }
    groups.suggestable = suggestable(groups.offerable);
    built.set(snapshot, groups);
  }
  return groups;
}

/** The offerable chunks the suggestions can reach, plus those of `sections` (the retrieved ones), in corpus order. */
export function suggestionChunks(snapshot: IndexSnapshot, sections: string[]): Chunk[] {
  const { suggestable, offerable, offerableRank } = chunkGroups(snapshot);
  const ranks = new Set(suggestable.map((c) => offerableRank.get(c.section)!));
  for (const s of sections) {
    const rank = offerableRank.get(s);
    if (rank !== undefined) ranks.add(rank);
  }
  return [...ranks].sort((a, b) => a - b).map((r) => offerable[r]);
}

function suggestable(offerable: Chunk[]): Chunk[] {
  const faqs = offerable.filter((c) => c.section.startsWith("Q. "));
  const numbered = offerable.filter((c) => /^\d+\.\s/.test(c.section));
  const front = (list: Chunk[]) => {
    const questions = new Set<string>();
    const out: Chunk[] = [];
    for (const c of list) {
      if (questions.size >= SUGGESTION_REACH) break;
      questions.add(headingAsQuestion(c.section));
      out.push(c);
    }
    return out;
  };
  const keep = new Set([...front(faqs), ...faqs.slice(-1), ...front(numbered)]);
  return offerable.filter((c) => keep.has(c));
}

/** The chunks under any of `sections`, in corpus order (from the heading index's chunks per heading). */
export function chunksOfSections(snapshot: IndexSnapshot, sections: string[]): Chunk[] {
  const { idOf, chunksOf } = headingIndex(snapshot);
  const indices = [...new Set(sections)].flatMap((s) => {
    const id = idOf.get(s);
    return id === undefined ? [] : [...chunksOf(id)];
  });
  return indices.sort((a, b) => a - b).map((i) => snapshot.chunks[i]);
}
