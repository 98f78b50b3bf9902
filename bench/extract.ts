import { extractSuggestions } from '../src/extract';
import { BANT_DEFAULT } from '../src/models';
import { isHeldOut, loadCorpus, scoreCorpus } from '../test/extract/corpus/corpus';
import type { CriterionScore } from '../test/extract/corpus/corpus';
import { median } from './stats';

export interface ExtractBench {
  texts: { dev: number; test: number };
  /** Precision and recall per criterion of the default model, on the texts the rules were written against. */
  dev: Record<string, Pick<CriterionScore, 'precision' | 'recall' | 'tp' | 'fp' | 'fn'>>;
  /** The same on the held-back quarter, never tuned on. */
  test: Record<string, Pick<CriterionScore, 'precision' | 'recall' | 'tp' | 'fp' | 'fn'>>;
  /** Every corpus text through `extractSuggestions` (all four criteria), median of runs. */
  textsPerSecond: number;
  meanCharsPerText: number;
}

/** `npm run bench -- extract`: the labelled corpus scored per criterion on both sets, then throughput. */
export async function benchExtract(runs = 7): Promise<ExtractBench> {
  const corpus = loadCorpus();
  const dev = corpus.filter((r) => !isHeldOut(r.id));
  const test = corpus.filter((r) => isHeldOut(r.id));
  const inputs = corpus.map((r) => ({
    model: BANT_DEFAULT,
    texts: [{ id: r.id, kind: r.kind, date: r.date, text: r.text }],
    contactTitle: r.contactTitle,
    now: new Date(r.date),
  }));
  for (const input of inputs) extractSuggestions(input);
  const rates: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    let done = 0;
    while (performance.now() - started < 400) {
      for (const input of inputs) extractSuggestions(input);
      done += inputs.length;
    }
    rates.push(done / ((performance.now() - started) / 1000));
  }
  return {
    texts: { dev: dev.length, test: test.length },
    dev: scoreCorpus(BANT_DEFAULT, dev).scores,
    test: scoreCorpus(BANT_DEFAULT, test).scores,
    textsPerSecond: Math.round(median(rates)),
    meanCharsPerText: Math.round(corpus.reduce((n, r) => n + r.text.length, 0) / corpus.length),
  };
}
