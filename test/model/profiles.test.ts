import { describe, expect, it } from "vitest";
import { answerBudget, PROFILES, renderPrompt, templateHash } from "../../src/model/profiles.js";

const crystal = PROFILES["crystalchat-web2code"]!;

describe("profiles", () => {
  it("renders CrystalChat-Web2Code's exact LLaVA v1 prompt, image first", () => {
    expect(renderPrompt(crystal.template!, crystal.instruction!, "<image>", 1)).toBe(
      "A chat between a curious user and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the user's questions. USER: <image>\nPlease generate html code for the given image ASSISTANT:",
    );
    expect(crystal.stop).toEqual(["</s>"]);
  });

  it("leaves the image marker out of a text-only prompt", () => {
    expect(renderPrompt(PROFILES.chatml!.template!, "A blue page", "<image>", 0)).toBe(
      "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nA blue page<|im_end|>\n<|im_start|>assistant\n",
    );
  });

  it("clamps the answer to what 2048 positions leave after 576 image tokens and the prompt", () => {
    expect(answerBudget(crystal, undefined, 1)).toEqual({ maxTokens: 1400 });
    expect(answerBudget(crystal, 4096, 1)).toEqual({ maxTokens: 1400, clampedFrom: 4096 });
    expect(answerBudget(crystal, 1000, 1)).toEqual({ maxTokens: 1000 });
    // Without an image the 576 positions are the answer's too.
    expect(answerBudget(crystal, 4096, 0)).toEqual({ maxTokens: 1976, clampedFrom: 4096 });
    expect(answerBudget(PROFILES.chatml!, undefined, 1)).toEqual({ maxTokens: 4096 });
    expect(answerBudget(PROFILES.chatml!, 9000, 1)).toEqual({ maxTokens: 9000 });
  });

  it("hashes what shapes the prompt: profiles that share a template but not the instruction differ", () => {
    const hashes = Object.values(PROFILES).map(templateHash);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(templateHash(crystal)).toMatch(/^[0-9a-f]{64}$/);
    expect(templateHash({ ...crystal })).toBe(templateHash(crystal));
  });
});
