import { normalizeText } from "../text/normalize.ts";

/**
 * Lumbar never diagnoses and never prescribes. When a message asks for either, the reply says so
 * plainly before sharing what the articles say in general.
 */
const DIAGNOSIS = /\b(do i have|have i got|is (it|this|that) (a |an )?(sciatica|slipped|herniat\w*|stenosis|arthritis|piriformis|spondylo\w*|degenerat\w*|cancer|serious)|what do i have|what is wrong with me|what have i got|diagnos\w*|could (it|this) be|what could (it|this|that) be|is it my)\b/;
const PRESCRIPTION = /\b(should i take|can i take|what (should|can) i take|which (pill|tablet|medicine|medication|painkiller)s? should|prescribe|how (much|many) (should|can) i take|is it ok to take|is it safe to take)\b/;

export type BoundaryKind = "diagnosis" | "prescription";

export function boundaryRequested(text: string): BoundaryKind | null {
  const t = normalizeText(text);
  if (PRESCRIPTION.test(t)) return "prescription";
  if (DIAGNOSIS.test(t)) return "diagnosis";
  return null;
}

export const BOUNDARY_NOTES: Record<BoundaryKind, string> = {
  diagnosis: "I can't tell you what is causing your pain: only a doctor who examines you can. Here is what the article says in general.",
  prescription: "I can't tell you what to take or how much: a doctor or pharmacist can, knowing your health and other medicines. Here is what the article says in general.",
};
