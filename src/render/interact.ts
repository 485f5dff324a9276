import type { ElementHandle, Page } from "puppeteer-core";
import { oneLine } from "../shared/index.js";
import type { Box, InteractionOutcome } from "../shared/interactions.js";
import type { InteractStep } from "./types.js";

/** Page pixels: the document's coordinates, whatever the scroll. */
interface Scroll {
  x: number;
  y: number;
}

/** The action was done: the page is settled and captured next, at the scroll it had before. */
export interface ActionDone {
  done: true;
  box: Box;
  scroll: Scroll;
}

/** The action was not done, or the browser failed it: an outcome with no capture. */
export interface ActionStopped {
  outcome: Exclude<InteractionOutcome, "changed" | "unchanged">;
  box?: Box;
  error?: string;
}

/** Where the pointer rests between actions: off the page, so that nothing is hovered. */
export const POINTER_AWAY = { x: -1, y: -1 } as const;

/**
 * Finds `#interactN` in the page at its start state, checks it and acts on it (docs/renderer.md#interactions):
 * click and hover at the centre of its visible part through the mouse (after scrolling it into view, and
 * only when that point hits the element itself), type after focusing it, select by choosing the first
 * other option. Whatever the page does in return (dialogs, navigations, pop-ups) the sandbox answers.
 */
export async function act(page: Page, step: InteractStep): Promise<ActionDone | ActionStopped> {
  const element = await page.$(`#interact${step.index}`);
  if (!element) return { outcome: "missing" };
  let box: Box | undefined;
  try {
    const target = await element.evaluate(describeTarget);
    box = target.box;
    if (!target.visible || box.width <= 0 || box.height <= 0) return { outcome: "not_visible", box };
    const refusal = await perform(page, element, step, target.disabled);
    if (refusal) return { outcome: "not_actionable", box, error: refusal };
    return { done: true, box, scroll: target.scroll };
  } catch (error) {
    return { outcome: "action_error", ...(box ? { box } : {}), error: oneLine(error) };
  } finally {
    await element.dispose().catch(() => undefined);
  }
}

/** Does the action; returns why it could not be done on this element, or null when it was done. */
async function perform(page: Page, element: ElementHandle<Element>, step: InteractStep, disabled: boolean): Promise<string | null> {
  switch (step.action) {
    case "click":
    case "hover": {
      if (disabled && step.action === "click") return "the element is disabled";
      await element.scrollIntoView();
      let point: { x: number; y: number };
      try {
        point = await element.clickablePoint();
      } catch (error) {
        return oneLine(error);
      }
      const cover = await element.evaluate(coveredBy, point);
      if (cover) return `its centre is covered by ${cover}`;
      if (step.action === "click") await page.mouse.click(point.x, point.y);
      else await page.mouse.move(point.x, point.y);
      return null;
    }
    case "type": {
      if (disabled) return "the element is disabled";
      await element.focus();
      if (!(await element.evaluate((node) => node === document.activeElement))) return "the element does not take focus";
      await page.keyboard.type(step.text ?? "");
      return null;
    }
    case "select":
      return element.evaluate(chooseOtherOption);
  }
}

/** Puts the document back at the scroll it had before the action: the full-page capture is taken where the start state's was. */
export async function restoreScroll(page: Page, scroll: Scroll): Promise<void> {
  await page.evaluate((x, y) => window.scrollTo({ left: x, top: y, behavior: "instant" }), scroll.x, scroll.y);
}

/**
 * Runs inside the page: the element's box in page pixels, whether it is drawn (not hidden by
 * `display`, `visibility` or `content-visibility`, its own or an ancestor's; a transparent element
 * counts as drawn, as one that appears on hover is), and whether it is disabled.
 */
function describeTarget(element: Element): { box: Box; visible: boolean; disabled: boolean; scroll: Scroll } {
  const rect = element.getBoundingClientRect();
  return {
    box: { x: rect.left + window.scrollX, y: rect.top + window.scrollY, width: rect.width, height: rect.height },
    visible: element.checkVisibility({ visibilityProperty: true }),
    disabled: element.matches(":disabled"),
    scroll: { x: window.scrollX, y: window.scrollY },
  };
}

/** Runs inside the page: what is drawn at the point (viewport pixels) when it is neither the element nor inside it, else null. */
function coveredBy(element: Element, point: { x: number; y: number }): string | null {
  const hit = document.elementFromPoint(point.x, point.y);
  if (hit && (hit === element || element.contains(hit))) return null;
  if (!hit) return "nothing (the point is off the page)";
  return `<${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ""}>`;
}

/**
 * Runs inside the page: picks the first option that is neither the selected one nor disabled and
 * fires `input` and `change` as a user's choice does. Returns why it could not, or null.
 */
function chooseOtherOption(element: Element): string | null {
  if (!(element instanceof HTMLSelectElement)) return `the element is a <${element.tagName.toLowerCase()}>, not a <select>`;
  if (element.disabled) return "the element is disabled";
  const other = Array.from(element.options).findIndex((option, k) => k !== element.selectedIndex && !option.disabled);
  if (other < 0) return "the <select> has no other option to choose";
  element.selectedIndex = other;
  element.dispatchEvent(new Event("input", { bubbles: true }));
  element.dispatchEvent(new Event("change", { bubbles: true }));
  return null;
}
