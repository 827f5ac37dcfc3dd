"""The optional transformer NER pipe, on a tiny random BERT built offline in tmp_path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy

from extractor.nlp import transformer_ner
from extractor.nlp.transformer_ner import EXTENSION, FACTORY, chunks

TEXT = "Goldman Sachs and Morgan Stanley said the Nasdaq fell. 高盛和摩根士丹利表示纳指下跌。"


def _tiny_model(folder: Path, org_bias: float) -> Path:
    """Save a 1-layer BERT token classifier and its fast tokenizer; ``org_bias`` tilts the
    classifier towards B-ORG/I-ORG so the output is not empty by chance."""
    import torch
    import transformers
    words = ["goldman", "sachs", "morgan", "stanley", "said", "the", "nasdaq", "fell", "and", "index", "rose"]
    cjk = list("高盛和摩根士丹利表示纳指下跌上涨标普道琼斯公司银行")
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *cjk, *"abcdefghijklmnopqrstuvwxyz0123456789.,。，"]
    vocab += [f"##{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    vocab += [f"w{i}" for i in range(300 - len(vocab))]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64,
        max_position_embeddings=512, id2label={0: "O", 1: "B-ORG", 2: "I-ORG"},
        label2id={"O": 0, "B-ORG": 1, "I-ORG": 2},
    )
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.bias.copy_(torch.tensor([0.0, org_bias, org_bias / 2]))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_model(tmp_path_factory.mktemp("tiny-bert"), org_bias=4.0)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def _well_formed(spans: list, text: str, labels: set[str], min_score: float) -> None:
    assert spans == sorted(spans)
    for start, end, label, score in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip() != ""
        assert label in labels
        assert min_score <= score <= 1.0


def test_pipe_adds_well_formed_org_spans(model_dir: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY, config={"model": str(model_dir)})
    doc = nlp(TEXT)
    spans = doc._.get(EXTENSION)
    assert spans, "a classifier biased towards ORG must find something"
    _well_formed(spans, TEXT, {"ORG"}, 0.5)
    assert nlp(TEXT)._.get(EXTENSION) == spans, "same input, same output"


def test_chunked_long_text_keeps_document_offsets(model_dir: Path) -> None:
    text = " ".join([TEXT] * 6)
    nlp = spacy.blank("en")
    nlp.add_pipe(FACTORY, config={"model": str(model_dir), "max_chars": 60, "min_score": 0.3})
    spans = nlp(text)._.get(EXTENSION)
    _well_formed(spans, text, {"ORG"}, 0.3)
    assert max(end for _, end, _, _ in spans) > 5 * len(TEXT), "later chunks contribute spans"


def test_labels_and_min_score_filter(model_dir: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe(FACTORY, config={"model": str(model_dir), "labels": ["PER"]})
    assert nlp(TEXT)._.get(EXTENSION) == []
    strict = spacy.blank("en")
    strict.add_pipe(FACTORY, config={"model": str(model_dir), "min_score": 1.01})
    assert strict(TEXT)._.get(EXTENSION) == []


def test_chunks_cover_the_text_at_sentence_ends() -> None:
    text = "第一句话。Second sentence here. 第三句！" * 5
    pieces = chunks(text, 30)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 30 and text[o:o + len(p)] == p for o, p in pieces)
    assert all(p[-1] in "。.！ " for _, p in pieces[:-1])
    assert chunks("   ", 30) == []


def test_bad_config_and_missing_dependencies_fail_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="set 'model'"):
        nlp.add_pipe(FACTORY)
    with pytest.raises(OSError, match="cannot load model"):
        spacy.blank("en").add_pipe(FACTORY, config={"model": str(tmp_path / "nowhere")})
    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(ImportError, match=r"pip install newsclaims\[transformers\]"):
        transformer_ner._import_transformers()


def test_default_pipeline_does_not_import_transformers() -> None:
    """(torch may already be loaded by thinc when installed; transformers must not be.)"""
    import subprocess

    code = (
        "import sys, extractor.nlp.transformer_ner, spacy; spacy.blank('en')('x');"
        "print('transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
