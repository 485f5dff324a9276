/**
 * Whether a `qa` answer is a yes or a no, the check after which Web2Code's script
 * (webpage_understanding/code_eval.py, `is_yes_or_no`) asks once more: lower-case, a final
 * `.</s>` made `</s>`, a final `</s>` removed, then every character but the letters a-z dropped;
 * yes/no when what is left is "yes" or "no". "Yes.", "NO!" and "y e s" pass; "Yes, it is" and
 * "no</s> " (a space after the marker leaves its "s") do not. A final newline counts as the end,
 * as Python's `$` lets it.
 */
export function isYesOrNo(answer: string): boolean {
  const letters = answer
    .toLowerCase()
    .replace(/\.<\/s>(?=\n?$)/, "</s>")
    .replace(/<\/s>(?=\n?$)/, "")
    .replace(/[^a-zA-Z]/g, "");
  return letters === "yes" || letters === "no";
}
