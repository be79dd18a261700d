package ma.forsa.learner;

public enum Sex {
    FEMALE, MALE
}
