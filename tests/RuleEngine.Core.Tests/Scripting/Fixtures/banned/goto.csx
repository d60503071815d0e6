// kind: segmentation
again: goto again;
