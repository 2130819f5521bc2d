/**
 * The trained sentiment model: training and warm start, the model directory the transformers
 * pipeline loads, the classifier behind the analyzer's `model` and `ensemble` modes, evaluation.
 */
export { loadSentimentClassifier, type LoadClassifierOptions } from './load-classifier.ts';
export { ngramClassifier, loadNgramClassifier, type NgramClassifier } from './ngram-classifier.ts';
export { loadPipelineClassifier } from './pipeline-classifier.ts';
export { labelPolarities } from './label-polarity.ts';
export { saveModel, loadNgramModel, readModelConfig, MODEL_FILES, type NgramModel } from './model-files.ts';
export { trainModel, TRAINING_DEFAULTS, type TrainOptions, type TrainResult, type TrainingExample } from './train.ts';
export { readLabelledCsv, type LabelledReview, type LabelledSet } from './labelled-csv.ts';
export { sentimentMetrics, formatConfusion, type SentimentMetrics } from './metrics.ts';
export { domainAccuracy, type DomainAccuracy } from './domain-accuracy.ts';
export { leaveOneDomainOut, WEIGHT_GRID, type DomainHoldoutResult, type HeldOutDomain } from './domain-holdout.ts';
